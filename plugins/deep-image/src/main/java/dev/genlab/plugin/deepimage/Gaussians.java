package dev.genlab.plugin.deepimage;

import java.util.SplittableRandom;

/** Standard normal draws from a seeded stream (Box-Muller, both values used). */
final class Gaussians {
    private Gaussians() {
    }

    static float[] fill(SplittableRandom random, int n) {
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
}
