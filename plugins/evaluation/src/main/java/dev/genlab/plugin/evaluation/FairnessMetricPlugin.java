package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code fairness}: representation, demographic parity and equalized odds per sensitive group, real vs synthetic. */
public final class FairnessMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "fairness";
    }

    @Override
    public String description() {
        return "Bias in real vs synthetic data per sensitive attribute and intersection: group shares, demographic parity and disparate impact"
                + " of the labels, and equalized odds of a classifier trained on each, with the change (bias amplification)";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return FairnessConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return FairnessMetric.class;
    }
}
