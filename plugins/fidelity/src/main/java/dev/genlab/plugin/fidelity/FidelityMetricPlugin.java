package dev.genlab.plugin.fidelity;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/**
 * Metric type {@code fidelity}: how closely the synthetic columns and column pairs follow the real ones, after
 * SDMetrics' quality report. See {@link FidelityMetric} for the definitions.
 */
public final class FidelityMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "fidelity";
    }

    @Override
    public String description() {
        return "SDMetrics-style quality report: column shapes (KS and TV complements) and column-pair trends "
                + "(correlation and contingency similarity), each 0 (unlike) to 1 (alike)";
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
