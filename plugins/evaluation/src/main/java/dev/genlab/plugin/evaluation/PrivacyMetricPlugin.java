package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code privacy}: distance to closest record, NNDR, exact copies, membership inference and a copy gate. */
public final class PrivacyMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "privacy";
    }

    @Override
    public String description() {
        return "Distance to closest record and nearest-neighbour distance ratio (synthetic vs holdout, Platzer & Reutterer), exact-copy rate with a"
                + " privacy gate, and a distance-based membership-inference AUC";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return PrivacyConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return PrivacyMetric.class;
    }
}
