package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code detection}: how well classifiers tell synthetic rows from real ones (a classifier two-sample test). */
public final class DetectionMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "detection";
    }

    @Override
    public String description() {
        return "Classifier two-sample test: cross-validated AUC of Tribuo classifiers separating real from synthetic rows, and the score 1 - 2|AUC - 0.5|";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return DetectionConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return DetectionMetric.class;
    }
}
