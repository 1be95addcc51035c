package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.ConfigChecks;
import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code toy-8gaussians} dataset; defaults in {@code reference.conf} under
 * {@code genlab.dataset.toy-8gaussians} (the ring of Gulrajani et al. 2017: radius 2, std 0.02).
 *
 * @param rows   number of points
 * @param modes  number of Gaussians, evenly spaced on the ring
 * @param radius radius of the ring
 * @param std    standard deviation of each Gaussian
 * @param seed   seed of the points (the data is part of the experiment, not of the run's randomness)
 */
public record EightGaussiansConfig(int rows, int modes, double radius, double std, long seed) {
    public EightGaussiansConfig {
        ConfigChecks.atLeast("rows", rows, 1);
        ConfigChecks.atLeast("modes", modes, 1);
        ConfigChecks.positive("radius", radius);
        ConfigChecks.positive("std", std);
        if (std >= radius) {
            throw new PluginConfigException("std", "must be smaller than radius (" + radius + ") so the modes stay apart, was " + std);
        }
    }

    public static EightGaussiansConfig defaults() {
        return new EightGaussiansConfig(10000, 8, 2, 0.02, 0);
    }
}
