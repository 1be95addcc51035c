package dev.genlab.plugin.fidelity;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code fidelity}: how closely synthetic columns and column pairs follow the real ones (SDMetrics' quality report). */
public final class FidelityMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "fidelity";
    }

    @Override
    public String description() {
        return "Column shapes (KS and TV complements) and column-pair trends (correlation and contingency similarity), as in SDMetrics' quality report";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return FidelityConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return FidelityMetric.class;
    }
}
