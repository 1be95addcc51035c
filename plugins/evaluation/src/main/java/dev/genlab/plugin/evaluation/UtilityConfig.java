package dev.genlab.plugin.evaluation;

import dev.genlab.spi.PluginConfigException;
import java.util.List;

/**
 * Settings of the {@code utility} metric.
 *
 * @param classifiers the learners trained on real and on synthetic rows (regression variants for a numeric target)
 * @param maxRows     most real training and synthetic rows each learner trains on (a seeded subsample beyond); 0 = all
 */
public record UtilityConfig(List<Classifier> classifiers, int maxRows) {
    public UtilityConfig {
        classifiers = Classifier.requireDistinct(classifiers);
        if (maxRows < 0) {
            throw new PluginConfigException("max-rows", "must be 0 (all rows) or positive, got " + maxRows);
        }
    }
}
