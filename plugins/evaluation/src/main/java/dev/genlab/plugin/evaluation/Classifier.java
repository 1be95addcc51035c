package dev.genlab.plugin.evaluation;

import java.util.Locale;

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
}
