package dev.genlab.plugin.evaluation;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code diversity} metric.
 *
 * @param nearestK neighbours defining each sample's k-NN ball (Naeem et al. use 5)
 * @param maxRows  most real and synthetic rows used (a seeded subsample beyond); 0 = all
 */
public record DiversityConfig(int nearestK, int maxRows) {
    public DiversityConfig {
        if (nearestK < 1 || nearestK > 100) {
            throw new PluginConfigException("nearest-k", "must be between 1 and 100, got " + nearestK);
        }
        if (maxRows < 0) {
            throw new PluginConfigException("max-rows", "must be 0 (all rows) or positive, got " + maxRows);
        }
    }
}
