package dev.genlab.plugin.djl.nn;

import java.util.SplittableRandom;

/** Standard normal draws from a seeded stream (Box-Muller, both values used). */
public final class Gaussians {
    private Gaussians() {
    }

    public static float[] fill(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i += 2) {
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u));
            out[i] = (float) (r * Math.cos(2 * Math.PI * v));
            if (i + 1 < n) {
                out[i + 1] = (float) (r * Math.sin(2 * Math.PI * v));
            }
        }
        return out;
    }

    public static double next(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
