package dev.genlab.spi;

import java.util.Objects;

/**
 * The three data sets a metric compares. They share one schema (for tables), which carries the target and
 * sensitive columns.
 *
 * @param train     the real rows the model learned from
 * @param test      real rows held out from training
 * @param synthetic rows the model sampled
 */
public record EvaluationInput(Data train, Data test, Data synthetic) {
    public EvaluationInput {
        Objects.requireNonNull(train, "train is null");
        Objects.requireNonNull(test, "test is null");
        Objects.requireNonNull(synthetic, "synthetic is null");
    }

    /** The schema of the tables; a clear error for text data. */
    public Schema schema() {
        return train.asTable().schema();
    }
}
