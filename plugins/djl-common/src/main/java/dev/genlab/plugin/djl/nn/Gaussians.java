package dev.genlab.plugin.djl.nn;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Standard normal draws from a seeded stream, by the ziggurat method (Marsaglia and Tsang 2000, in the form of
 * Doornik 2005, "An improved ziggurat method to generate normal random samples": 128 blocks, the block index and the
 * uniform taken from independent bits).
 *
 * <p>Why not Box-Muller (used here before, issue 19): a logarithm, a square root and a sine or cosine per draw made
 * the host-side noise about a tenth of a ctgan or tvae training step and most of their sampling time (4 million draws
 * to sample Adult's 32,561 rows from tvae). The ziggurat needs one 64-bit random number and two multiplications for
 * about 99% of the draws; the rest take an exponential or a logarithm. The same stream gives the same draws.
 */
public final class Gaussians {
    private static final int BLOCKS = 128;
    /** Right edge of the base block: where the tail starts. */
    private static final double R = 3.442619855899;
    /** Area of each block. */
    private static final double V = 9.91256303526217e-3;
    /** X[i]: right edge of block i (X[0] = V / f(R), the base block's rectangle width; X[128] = 0). */
    private static final double[] X = new double[BLOCKS + 1];
    /** X[i + 1] / X[i]: below this fraction of a block's width a point is under the curve for sure. */
    private static final double[] RATIO = new double[BLOCKS];

    static {
        double f = Math.exp(-0.5 * R * R);
        X[0] = V / f;
        X[1] = R;
        X[BLOCKS] = 0;
        for (int i = 2; i < BLOCKS; i++) {
            X[i] = Math.sqrt(-2 * Math.log(V / X[i - 1] + f));
            f = Math.exp(-0.5 * X[i] * X[i]);
        }
        for (int i = 0; i < BLOCKS; i++) {
            RATIO[i] = X[i + 1] / X[i];
        }
    }

    private Gaussians() {
    }

    public static float[] fill(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) next(random);
        }
        return out;
    }

    /** {@code n} draws written to {@code out} at indices 0 .. n-1 (absolute puts), the same values as {@link #fill(SplittableRandom, int)}. */
    public static void fill(SplittableRandom random, FloatBuffer out, int n) {
        for (int i = 0; i < n; i++) {
            out.put(i, (float) next(random));
        }
    }

    public static double next(SplittableRandom random) {
        while (true) {
            long bits = random.nextLong();
            int block = (int) (bits & (BLOCKS - 1));
            double u = 2 * ((bits >>> 11) * 0x1.0p-53) - 1; // in [-1, 1), from the 53 bits the block index did not use
            if (Math.abs(u) < RATIO[block]) {
                return u * X[block];
            }
            if (block == 0) {
                return tail(random, u < 0);
            }
            double x = u * X[block];
            double f0 = Math.exp(-0.5 * (X[block] * X[block] - x * x));
            double f1 = Math.exp(-0.5 * (X[block + 1] * X[block + 1] - x * x));
            if (f1 + random.nextDouble() * (f0 - f1) < 1) {
                return x;
            }
        }
    }

    /** A draw beyond ±R (Marsaglia 1964). */
    private static double tail(SplittableRandom random, boolean negative) {
        double x;
        double y;
        do {
            x = Math.log(1 - random.nextDouble()) / R;
            y = Math.log(1 - random.nextDouble());
        } while (-2 * y < x * x);
        return negative ? x - R : R - x;
    }
}
