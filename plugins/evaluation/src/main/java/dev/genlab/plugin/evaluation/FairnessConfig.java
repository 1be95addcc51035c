package dev.genlab.plugin.evaluation;

import dev.genlab.spi.PluginConfigException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@code fairness} metric.
 *
 * @param classifier       the model trained on real and on synthetic data for the model-level measures
 * @param intersections    also measure every pair of sensitive columns (e.g. sex/race) as one attribute
 * @param favorableLabel   the target level that counts as the favourable outcome; absent = the rarest level in the
 *                         real training data (Adult: {@code >50K})
 * @param privilegedGroups per sensitive column, its privileged level (e.g. {@code sex = Male}): adds AIF360's
 *                         statistical parity difference and disparate impact against that group
 * @param minShareRatio    a group is under-represented when its synthetic share is below this fraction of its real
 *                         share
 */
public record FairnessConfig(Classifier classifier, boolean intersections, Optional<String> favorableLabel, Map<String, String> privilegedGroups,
        double minShareRatio) {
    public FairnessConfig {
        Objects.requireNonNull(classifier, "classifier is null");
        Objects.requireNonNull(favorableLabel, "favorableLabel is null");
        privilegedGroups = Map.copyOf(Objects.requireNonNull(privilegedGroups, "privilegedGroups is null"));
        if (!(minShareRatio > 0 && minShareRatio <= 1)) {
            throw new PluginConfigException("min-share-ratio", "must be in (0, 1], got " + minShareRatio);
        }
    }
}
