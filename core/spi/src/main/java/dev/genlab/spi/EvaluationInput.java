package dev.genlab.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The three data sets a metric compares, and the fitted model that sampled the synthetic one. They share one schema
 * (for tables), which carries the target and sensitive columns.
 *
 * @param train     the real rows the model learned from
 * @param test      real rows held out from training
 * @param synthetic rows the model sampled
 * @param model     the fitted model, for metrics that ask it something beyond samples (e.g. held-out perplexity
 *                  from a {@link TextLikelihood}); empty when a metric is run on data alone
 */
public record EvaluationInput(Data train, Data test, Data synthetic, Optional<FittedModel> model) {
    public EvaluationInput {
        Objects.requireNonNull(train, "train is null");
        Objects.requireNonNull(test, "test is null");
        Objects.requireNonNull(synthetic, "synthetic is null");
        Objects.requireNonNull(model, "model is null (use Optional.empty())");
    }

    /** Data only, no model. */
    public EvaluationInput(Data train, Data test, Data synthetic) {
        this(train, test, synthetic, Optional.empty());
    }

    /** The schema of the tables; a clear error for text data. */
    public Schema schema() {
        return train.asTable().schema();
    }
}
