package dev.genlab.plugin.evaluation;

import dev.genlab.spi.PluginConfigException;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@code utility} metric.
 *
 * @param classifiers the learners trained on real and on synthetic rows (regression variants for a numeric target)
 * @param maxRows     most real training and synthetic rows each learner trains on (a seeded subsample beyond); 0 = all
 */
public record UtilityConfig(List<Classifier> classifiers, int maxRows) {
    public UtilityConfig {
        classifiers = List.copyOf(Objects.requireNonNull(classifiers, "classifiers is null"));
        if (classifiers.isEmpty()) {
            throw new PluginConfigException("classifiers", "name at least one classifier: logistic-regression, gradient-boosting or random-forest");
        }
        if (classifiers.stream().distinct().count() != classifiers.size()) {
            throw new PluginConfigException("classifiers", "lists a classifier twice: " + classifiers);
        }
        if (maxRows < 0) {
            throw new PluginConfigException("max-rows", "must be 0 (all rows) or positive, got " + maxRows);
        }
    }
}
