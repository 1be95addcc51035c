package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code utility}: train on synthetic, test on real (TSTR) against train on real, test on real (TRTR). */
public final class UtilityMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "utility";
    }

    @Override
    public String description() {
        return "Machine-learning utility: Tribuo models trained on synthetic vs on real data, both tested on real held-out rows"
                + " (accuracy, macro F1, AUC; RMSE, MAE, R2 for a numeric target) and the gap";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return UtilityConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return UtilityMetric.class;
    }
}
