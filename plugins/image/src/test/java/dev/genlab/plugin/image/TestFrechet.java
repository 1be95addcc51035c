package dev.genlab.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Fréchet distance against scipy.linalg.sqrtm (pytorch-fid's formula) on the fixture features. */
class TestFrechet {
    @ParameterizedTest(name = "case {0}")
    @CsvSource({
            "1, 1e-10", // full-rank 8-d Gaussians
            "2, 1e-8",  // 30 and 35 rows in 40 dimensions: singular covariances (sqrtm itself warns here)
            "3, 1e-10", // ReLU-like 64-d features with five dead units
    })
    void matchesScipy(int fixture, double relativeTolerance) {
        double[][] a = Fixtures.matrix("frechet" + fixture + "-a.csv");
        double[][] b = Fixtures.matrix("frechet" + fixture + "-b.csv");
        double expected = Fixtures.expected("frechet" + fixture);
        assertEquals(expected, Frechet.distance(a, b), Math.abs(expected) * relativeTolerance);
        assertEquals(expected, Frechet.distance(b, a), Math.abs(expected) * relativeTolerance, "symmetric");
        assertEquals(0, Frechet.distance(a, a), 1e-6, "a set against itself");
    }

    @Test
    void aShiftAddsTheSquaredShift() {
        double[][] a = Fixtures.matrix("frechet1-a.csv");
        double[][] shifted = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            shifted[i] = a[i].clone();
            shifted[i][0] += 3;
            shifted[i][1] -= 4;
        }
        assertEquals(25, Frechet.distance(a, shifted), 1e-9);
    }

    @Test
    void tooFewRowsIsNaN() {
        assertTrue(Double.isNaN(Frechet.distance(new double[][] {{1, 2}}, new double[][] {{1, 2}, {3, 4}})));
    }

    @Test
    void eigendecompositionReconstructsTheMatrix() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 20;
        double[][] x = new double[50][n];
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] s = Frechet.covariance(x, Frechet.mean(x));
        SymmetricEigen e = SymmetricEigen.of(s);
        double[][] root = e.sqrt();
        double[][] square = Frechet.multiply(root, root);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(s[i][j], square[i][j], 1e-12, "sqrt(S)^2 = S at " + i + "," + j);
                double vv = 0;
                for (int k = 0; k < n; k++) {
                    vv += e.vectors()[k][i] * e.vectors()[k][j];
                }
                assertEquals(i == j ? 1 : 0, vv, 1e-12, "orthonormal eigenvectors");
            }
        }
    }
}
