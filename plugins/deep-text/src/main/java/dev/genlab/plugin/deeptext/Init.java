package dev.genlab.plugin.deeptext;

import java.util.SplittableRandom;

/** Initial weights from a seeded stream (PyTorch's defaults, so the networks start where PyTorch's would). */
final class Init {
    private Init() {
    }

    static float[] uniform(SplittableRandom random, int n, double bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    /** Normal(0, std) by Box-Muller. */
    static float[] normal(SplittableRandom random, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i += 2) {
            double u1 = 1 - random.nextDouble(); // (0, 1]: log stays finite
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1)) * std;
            v[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < n) {
                v[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        return v;
    }

    static float[] constant(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return v;
    }
}
