package dev.genlab.dp;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code aim} model.
 *
 * @param epsilon        the privacy budget ε the whole fit may spend
 * @param delta          the δ of the (ε, δ) guarantee; keep it well below 1 / (training rows)
 * @param bins           equal-width bins per numeric column, over the range its public domain declares
 * @param degree         the workload: every 2-way (2) or 3-way (3) marginal
 * @param maxModelSize   the largest model AIM may grow to: its junction tree's tables, in megabytes of 8-byte cells
 *                       (the paper's default is 80; ours is 1, which keeps a fit in seconds)
 * @param rounds         the paper's T, which sets the starting noise; 0 for 16 × the number of columns
 * @param iterations     mirror-descent iterations of Private-PGM's estimate after each measurement, each started from
 *                       the previous estimate's potentials (the paper's code: 1000)
 * @param domainFromData read the bounds and categories of columns without a public domain from the training rows
 *                       (outside the privacy guarantee; the run says so)
 */
public record AimConfig(double epsilon, double delta, int bins, int degree, double maxModelSize, int rounds, int iterations, boolean domainFromData) {
    public AimConfig {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new PluginConfigException("epsilon", "must be a positive finite number, got " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new PluginConfigException("delta", "must be in (0, 1), got " + delta);
        }
        if (bins < 1 || bins > 1000) {
            throw new PluginConfigException("bins", "must be between 1 and 1000, got " + bins);
        }
        if (degree != 2 && degree != 3) {
            throw new PluginConfigException("degree", "must be 2 (every 2-way marginal) or 3 (every 3-way marginal), got " + degree);
        }
        if (!(maxModelSize > 0) || Double.isInfinite(maxModelSize)) {
            throw new PluginConfigException("max-model-size", "must be a positive number of megabytes, got " + maxModelSize);
        }
        if (rounds < 0 || rounds > 100_000) {
            throw new PluginConfigException("rounds", "must be between 0 (16 x the number of columns) and 100000, got " + rounds);
        }
        if (iterations < 1 || iterations > 100_000) {
            throw new PluginConfigException("iterations", "must be between 1 and 100000, got " + iterations);
        }
    }
}
