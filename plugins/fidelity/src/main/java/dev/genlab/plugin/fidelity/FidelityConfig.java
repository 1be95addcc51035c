package dev.genlab.plugin.fidelity;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code fidelity} metric.
 *
 * @param correlation correlation coefficient for numeric pairs
 * @param bins        equal-width bins a numeric column is cut into (on the real column's range) for contingency tables
 */
public record FidelityConfig(Correlation correlation, int bins) {
    /** Correlation coefficient for numeric column pairs. */
    public enum Correlation {
        PEARSON,
        SPEARMAN
    }

    public FidelityConfig {
        if (bins < 2 || bins > 1000) {
            throw new PluginConfigException("bins", "must be between 2 and 1000, got " + bins);
        }
    }
}
