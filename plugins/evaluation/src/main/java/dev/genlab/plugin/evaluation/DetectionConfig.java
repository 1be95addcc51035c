package dev.genlab.plugin.evaluation;

import dev.genlab.spi.PluginConfigException;
import java.util.List;

/**
 * Settings of the {@code detection} metric.
 *
 * @param classifiers the classifiers that try to tell real from synthetic rows
 * @param folds       cross-validation folds
 * @param maxRows     most real and synthetic rows used (a seeded subsample beyond); 0 = all
 */
public record DetectionConfig(List<Classifier> classifiers, int folds, int maxRows) {
    public DetectionConfig {
        classifiers = Classifier.requireDistinct(classifiers);
        if (folds < 2 || folds > 20) {
            throw new PluginConfigException("folds", "must be between 2 and 20, got " + folds);
        }
        if (maxRows < 0) {
            throw new PluginConfigException("max-rows", "must be 0 (all rows) or positive, got " + maxRows);
        }
    }
}
