package dev.genlab.plugin.image;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code image-quality} metric.
 *
 * @param maxImages        most images used per side (train, test, synthetic); a seeded subsample beyond; 0 = all
 * @param k                neighbours defining each sample's k-NN ball for precision/recall/density/coverage
 * @param classMinShare    a class counts as covered when at least this share of synthetic images is classified as it
 * @param classifierEpochs epochs of the feature classifier's training on the real train images
 * @param gridImages       images drawn in each of the samples.png and real.png grids (0 = no grids)
 */
public record ImageQualityConfig(int maxImages, int k, double classMinShare, int classifierEpochs, int gridImages) {
    public static final ImageQualityConfig DEFAULTS = new ImageQualityConfig(2000, 5, 0.02, 30, 64);

    public ImageQualityConfig {
        if (maxImages < 0) {
            throw new PluginConfigException("max-images", "must be 0 (all images) or a positive count, got " + maxImages);
        }
        if (maxImages > 0 && maxImages <= 10) {
            throw new PluginConfigException("max-images", "must be 0 (all images) or more than 10, got " + maxImages);
        }
        if (k < 1 || k > 100) {
            throw new PluginConfigException("k", "must be between 1 and 100, got " + k);
        }
        if (!(classMinShare > 0 && classMinShare <= 1)) {
            throw new PluginConfigException("class-min-share", "must be a share in (0, 1], got " + classMinShare);
        }
        if (classifierEpochs < 1 || classifierEpochs > 1000) {
            throw new PluginConfigException("classifier-epochs", "must be between 1 and 1000, got " + classifierEpochs);
        }
        if (gridImages < 0 || gridImages > 1024) {
            throw new PluginConfigException("grid-images", "must be between 0 and 1024, got " + gridImages);
        }
    }
}
