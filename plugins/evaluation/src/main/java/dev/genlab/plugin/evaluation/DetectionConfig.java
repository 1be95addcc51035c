package dev.genlab.plugin.evaluation;

import dev.genlab.spi.PluginConfigException;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@code detection} metric.
 *
 * @param classifiers the classifiers that try to tell real from synthetic rows
 * @param folds       cross-validation folds
 * @param maxRows     most real and synthetic rows used (a seeded subsample beyond); 0 = all
 */
public record DetectionConfig(List<Classifier> classifiers, int folds, int maxRows) {
    public DetectionConfig {
        classifiers = List.copyOf(Objects.requireNonNull(classifiers, "classifiers is null"));
        if (classifiers.isEmpty()) {
            throw new PluginConfigException("classifiers", "name at least one classifier: logistic-regression, gradient-boosting or random-forest");
        }
        if (classifiers.stream().distinct().count() != classifiers.size()) {
            throw new PluginConfigException("classifiers", "lists a classifier twice: " + classifiers);
        }
        if (folds < 2 || folds > 20) {
            throw new PluginConfigException("folds", "must be between 2 and 20, got " + folds);
        }
        if (maxRows < 0) {
            throw new PluginConfigException("max-rows", "must be 0 (all rows) or positive, got " + maxRows);
        }
    }
}
