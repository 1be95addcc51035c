package dev.genlab.plugin.fidelity;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code fidelity} metric; defaults in {@code reference.conf} under {@code genlab.metric.fidelity}.
 *
 * @param correlation coefficient compared for pairs of numeric columns
 * @param bins        equal-width bins a numeric column is cut into, over the real column's range, when it is paired
 *                    with a categorical column
 */
public record FidelityConfig(Correlation correlation, int bins) {
    /** Smallest and largest {@code bins}: one bin would say nothing, and more than this only measures noise. */
    static final int MIN_BINS = 2;
    static final int MAX_BINS = 1000;

    /** Correlation coefficient for numeric column pairs (HOCON values {@code pearson}, {@code spearman}). */
    public enum Correlation {
        /** Pearson's product-moment correlation. */
        PEARSON,
        /** Spearman's rank correlation: Pearson's on average ranks (ties share their mean rank). */
        SPEARMAN
    }

    public FidelityConfig {
        if (correlation == null) {
            throw new PluginConfigException("correlation", "must be one of pearson, spearman");
        }
        if (bins < MIN_BINS || bins > MAX_BINS) {
            throw new PluginConfigException("bins", "must be between " + MIN_BINS + " and " + MAX_BINS + ", was " + bins);
        }
    }

    /** The defaults of {@code reference.conf}. */
    public static FidelityConfig defaults() {
        return new FidelityConfig(Correlation.PEARSON, 10);
    }
}
