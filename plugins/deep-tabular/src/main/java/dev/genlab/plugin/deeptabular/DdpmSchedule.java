package dev.genlab.plugin.deeptabular;

/** Noise schedule of the {@code ddpm} model. */
public enum DdpmSchedule {
    /** Nichol and Dhariwal 2021, as TabDDPM. */
    COSINE,
    /** Ho et al. 2020: beta from 1e-4 to 0.02. */
    LINEAR;

    /** Cumulative products of (1 - beta) for {@code steps} steps. */
    double[] alphaBars(int steps) {
        double[] a = new double[steps];
        if (this == COSINE) {
            double s = 0.008;
            double f0 = Math.pow(Math.cos(s / (1 + s) * Math.PI / 2), 2);
            double prev = 1;
            for (int t = 0; t < steps; t++) {
                double f = Math.pow(Math.cos(((t + 1.0) / steps + s) / (1 + s) * Math.PI / 2), 2) / f0;
                double beta = Math.min(1 - f / prev, 0.999);
                a[t] = (t == 0 ? 1 : a[t - 1]) * (1 - beta);
                prev = f;
            }
        } else {
            for (int t = 0; t < steps; t++) {
                double beta = 1e-4 + (0.02 - 1e-4) * t / Math.max(1, steps - 1);
                a[t] = (t == 0 ? 1 : a[t - 1]) * (1 - beta);
            }
        }
        return a;
    }
}
