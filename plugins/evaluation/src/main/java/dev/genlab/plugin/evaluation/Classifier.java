package dev.genlab.plugin.evaluation;

import dev.genlab.spi.PluginConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The Tribuo learners the metrics train (fixed, documented hyper-parameters; see {@link TribuoModels}). */
public enum Classifier {
    /** Multinomial logistic regression (linear SGD with AdaGrad), or linear least squares for a numeric target. */
    LOGISTIC_REGRESSION,
    /** XGBoost gradient-boosted trees (hist). */
    GRADIENT_BOOSTING,
    /** Tribuo random forest of CART trees. */
    RANDOM_FOREST;

    /** The name used in config values and result keys, e.g. {@code logistic-regression}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The {@code classifiers} setting of a metric, checked: at least one, none twice (named as in the file). */
    static List<Classifier> requireDistinct(List<Classifier> classifiers) {
        List<Classifier> copy = List.copyOf(Objects.requireNonNull(classifiers, "classifiers is null"));
        if (copy.isEmpty()) {
            throw new PluginConfigException("classifiers", "name at least one classifier: logistic-regression, gradient-boosting or random-forest");
        }
        if (copy.stream().distinct().count() != copy.size()) {
            throw new PluginConfigException("classifiers", "lists a classifier twice: " + copy.stream().map(Classifier::label).toList());
        }
        return copy;
    }
}
