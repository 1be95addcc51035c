package dev.genlab.spi;

/** A measure comparing real and synthetic data. */
public interface MetricPlugin extends Plugin {
    /** The implementation, built with constructor injection like {@link ModelPlugin#modelClass()}. */
    Class<? extends Metric> metricClass();
}
