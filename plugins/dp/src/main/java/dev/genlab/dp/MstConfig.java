package dev.genlab.dp;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code mst} model.
 *
 * @param epsilon the privacy budget ε the whole fit may spend
 * @param delta   the δ of the (ε, δ) guarantee; keep it well below 1 / (training rows)
 * @param bins    equal-width bins per numeric column, over the range its public domain declares
 * @param domainFromData read the bounds and categories of columns without a public domain from the training rows
 *                (outside the privacy guarantee; the run says so)
 */
public record MstConfig(double epsilon, double delta, int bins, boolean domainFromData) {
    public MstConfig {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new PluginConfigException("epsilon", "must be a positive finite number, got " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new PluginConfigException("delta", "must be in (0, 1), got " + delta);
        }
        if (bins < 1 || bins > 1000) {
            throw new PluginConfigException("bins", "must be between 1 and 1000, got " + bins);
        }
    }
}
