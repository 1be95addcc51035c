package dev.genlab.plugin.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genlab.plugin.copula.LatentCorrelation.Dimension;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestLatentCorrelation {
    private static final Intervals COIN = new Intervals(new long[] {1, 1});

    @Test
    void intervalMeansOfAFairCoin() {
        double m = Math.sqrt(2 / Math.PI);
        assertEquals(-m, COIN.mean(0), 1e-15);
        assertEquals(m, COIN.mean(1), 1e-15);
        assertEquals(2 / Math.PI, COIN.variance(), 1e-15);
        assertEquals(0, COIN.upper(0), 0);
        assertEquals(1, COIN.group(0.1));
        assertEquals(0, COIN.group(-0.1));
    }

    /** Two fair coins cut from normals with correlation ρ: E[m₁m₂] = (2/π)² arcsin ρ. */
    @Test
    void solvesTheMomentEquationOfTwoCoinsExactly() {
        for (double rho : new double[] {-0.95, -0.5, 0, 0.3, 0.8, 0.99}) {
            // Scores whose Pearson correlation r gives that moment: E = r · a, a = 2/π.
            double r = 2 / Math.PI * Math.asin(rho);
            double[] x = {1, -1, 1, -1};
            double[] y = {r, -r, Math.sqrt(1 - r * r), -Math.sqrt(1 - r * r)};
            double[] u = {1, -1, -1, 1};
            for (int i = 0; i < 4; i++) {
                y[i] = r * x[i] + Math.sqrt(1 - r * r) * u[i];
            }
            Dimension a = new Dimension(x, COIN);
            Dimension b = new Dimension(y, COIN);
            assertEquals(rho, LatentCorrelation.correlation(a, b), 1e-6, "rho " + rho);
        }
    }

    @Test
    void recoversTheLatentCorrelationOfDiscretizedNormals() {
        int n = 200_000;
        double rho = 0.6;
        SplittableRandom random = new SplittableRandom(11);
        Intervals three = new Intervals(new long[] {5, 3, 2});
        Intervals binary = new Intervals(new long[] {9, 1});
        double[] continuous = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double z1 = Normal.draw(random);
            double z2 = rho * z1 + Math.sqrt(1 - rho * rho) * Normal.draw(random);
            continuous[i] = z1;
            a[i] = three.mean(three.group(z1));
            b[i] = binary.mean(binary.group(z2));
        }
        Dimension c = new Dimension(continuous, null);
        Dimension da = new Dimension(a, three);
        Dimension db = new Dimension(b, binary);
        assertEquals(rho, LatentCorrelation.correlation(c, db), 0.01, "continuous vs 90/10 binary");
        assertEquals(rho, LatentCorrelation.correlation(da, db), 0.015, "three levels vs 90/10 binary");
        assertEquals(1, LatentCorrelation.correlation(c, da), 0.01, "the same latent variable");
        assertEquals(1, LatentCorrelation.correlation(da, da), 1e-6);
    }
}
