package com.example.genlab.knn;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings; defaults in reference.conf at genlab.model.knn-resampler.
 *
 * @param k     neighbours to choose from
 * @param noise standard deviation of Gaussian noise added to numeric columns, in units of the column's standard deviation
 */
public record KnnConfig(int k, double noise) {
    public KnnConfig {
        if (k < 1) {
            throw new PluginConfigException("k", "must be at least 1, got " + k);
        }
        if (noise < 0) {
            throw new PluginConfigException("noise", "must not be negative, got " + noise);
        }
    }
}
