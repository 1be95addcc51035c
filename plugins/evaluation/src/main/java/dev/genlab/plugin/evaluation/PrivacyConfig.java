package dev.genlab.plugin.evaluation;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code privacy} metric.
 *
 * @param maxRows           most rows of each table the distance-based measures use (a seeded subsample beyond);
 *                          0 = all. Exact copies are always counted over all rows.
 * @param maxExcessCopyRate the privacy gate fails when the synthetic exact-copy rate exceeds the holdout's own
 *                          (real rows that happen to repeat training rows) by more than this
 */
public record PrivacyConfig(int maxRows, double maxExcessCopyRate) {
    public PrivacyConfig {
        if (maxRows < 0) {
            throw new PluginConfigException("max-rows", "must be 0 (all rows) or positive, got " + maxRows);
        }
        if (!(maxExcessCopyRate >= 0 && maxExcessCopyRate <= 1)) {
            throw new PluginConfigException("max-excess-copy-rate", "must be in [0, 1], got " + maxExcessCopyRate);
        }
    }
}
