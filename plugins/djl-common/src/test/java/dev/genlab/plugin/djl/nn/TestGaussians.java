package dev.genlab.plugin.djl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestGaussians {
    private static final int N = 1_000_000;

    /** The draws follow N(0, 1): moments, the Kolmogorov-Smirnov distance to Φ, and the mass of the tails the ziggurat treats apart. */
    @Test
    void drawsAreStandardNormal() {
        float[] x = Gaussians.fill(new SplittableRandom(7), N);
        double sum = 0;
        double sq = 0;
        double fourth = 0;
        int beyondR = 0;
        int beyond2 = 0;
        for (float v : x) {
            sum += v;
            sq += v * v;
            fourth += (double) v * v * v * v;
            beyondR += Math.abs(v) > 3.442619855899 ? 1 : 0;
            beyond2 += Math.abs(v) > 2 ? 1 : 0;
        }
        double mean = sum / N;
        double variance = sq / N - mean * mean;
        assertEquals(0, mean, 4 * Math.sqrt(1.0 / N), "mean");
        assertEquals(1, variance, 4 * Math.sqrt(2.0 / N), "variance");
        assertEquals(3, fourth / N, 4 * Math.sqrt(96.0 / N), "fourth moment");
        // P(|Z| > 3.4426) = 5.76e-4 and P(|Z| > 2) = 0.0455; 4 binomial standard deviations
        assertEquals(5.76e-4 * N, beyondR, 4 * Math.sqrt(5.76e-4 * N), "draws in the tails beyond the base block");
        assertEquals(0.0455003 * N, beyond2, 4 * Math.sqrt(0.0455003 * N), "draws beyond ±2");

        double[] sorted = new double[N];
        for (int i = 0; i < N; i++) {
            sorted[i] = x[i];
        }
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double cdf = phi(sorted[i]);
            d = Math.max(d, Math.max(Math.abs(cdf - (double) i / N), Math.abs((double) (i + 1) / N - cdf)));
        }
        // the 1% critical value of the KS distance is 1.63 / sqrt(n)
        assertTrue(d < 1.63 / Math.sqrt(N), "Kolmogorov-Smirnov distance " + d);
    }

    @Test
    void sameStreamSameDraws() {
        assertArrayEquals(Gaussians.fill(new SplittableRandom(3), 1000), Gaussians.fill(new SplittableRandom(3), 1000));
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            assertEquals(Gaussians.next(a), Gaussians.next(b));
        }
    }

    /** Φ(x) from erfc (W. J. Cody's rational approximation as in Numerical Recipes' erfcc: relative error below 1.2e-7). */
    private static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }
}
