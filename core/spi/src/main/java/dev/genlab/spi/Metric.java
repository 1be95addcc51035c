package dev.genlab.spi;

/** A configured metric. */
public interface Metric {
    /**
     * Compares synthetic data with real data. Keys of the result are short names ({@code overall},
     * {@code ks.age}); the runtime prefixes them with the metric's name.
     */
    MetricResult evaluate(EvaluationInput input, PluginContext context);
}
