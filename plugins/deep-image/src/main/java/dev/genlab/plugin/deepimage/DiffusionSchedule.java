package dev.genlab.plugin.deepimage;

/** Noise schedule of the {@code image-ddpm} model. */
public enum DiffusionSchedule {
    /**
     * Ho et al. 2020: beta rising linearly from 1e-4 to 0.02 over 1000 steps; for another number of steps both ends
     * are scaled by 1000 / steps (as Nichol and Dhariwal 2021 do), so the chain still ends near pure noise.
     */
    LINEAR,
    /** Nichol and Dhariwal 2021: alpha-bar follows a squared cosine (s = 0.008), betas capped at 0.999. */
    COSINE;

    /** The betas of {@code steps} steps. */
    double[] betas(int steps) {
        double[] b = new double[steps];
        if (this == LINEAR) {
            double scale = 1000.0 / steps;
            double start = scale * 1e-4;
            double end = Math.min(scale * 0.02, 0.999);
            for (int t = 0; t < steps; t++) {
                b[t] = start + (end - start) * t / Math.max(1, steps - 1);
            }
        } else {
            double s = 0.008;
            for (int t = 0; t < steps; t++) {
                double f0 = Math.pow(Math.cos(((double) t / steps + s) / (1 + s) * Math.PI / 2), 2);
                double f1 = Math.pow(Math.cos(((t + 1.0) / steps + s) / (1 + s) * Math.PI / 2), 2);
                b[t] = Math.min(1 - f1 / f0, 0.999);
            }
        }
        return b;
    }

    /** Cumulative products of (1 - beta). */
    static double[] alphaBars(double[] betas) {
        double[] a = new double[betas.length];
        double product = 1;
        for (int t = 0; t < betas.length; t++) {
            product *= 1 - betas[t];
            a[t] = product;
        }
        return a;
    }
}
