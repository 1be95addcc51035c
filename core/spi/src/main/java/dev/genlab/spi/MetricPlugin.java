package dev.genlab.spi;

import java.util.List;

/** A measure comparing real and synthetic data. */
public interface MetricPlugin extends Plugin {
    /** The implementation, built with constructor injection like {@link ModelPlugin#modelClass()}. */
    Class<? extends Metric> metricClass();

    /**
     * What each value this metric reports means: goal (maximise, minimise, a target), range, score or
     * information, and the score-card bounds of the values judged there. Every key the metric reports must be
     * covered (first match wins; patterns allowed). A key left undeclared shows "goal unknown" and is never
     * ranked; the testkit's contract fails on it.
     */
    default List<Measure> measures() {
        return List.of();
    }

    /** The smallest train, test and synthetic sizes at which this metric's numbers mean something. */
    default MinimumSizes minimumSizes() {
        return MinimumSizes.NONE;
    }
}
