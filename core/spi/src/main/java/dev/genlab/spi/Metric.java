package dev.genlab.spi;

/** A configured metric. */
public interface Metric {
    /**
     * Compares synthetic data with real data. Keys of the result are short names ({@code overall},
     * {@code ks.age}); the runtime prefixes them with the metric's name.
     */
    MetricResult evaluate(EvaluationInput input, PluginContext context);

    /**
     * Checks this metric's settings and needs against the data before anything trains, so {@code genlab validate}
     * reports them: columns its settings name, the roles it needs (a target, sensitive columns), the levels of the
     * target. {@code train} is the training part of the split, with the experiment's roles applied. The default
     * finds nothing to check.
     */
    default void check(Data train, DataProblems problems) {
    }
}
