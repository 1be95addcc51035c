package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code diversity}: precision, recall, density and coverage, and α-precision, β-recall and authenticity. */
public final class DiversityMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "diversity";
    }

    @Override
    public String description() {
        return "Precision, recall, density and coverage (Naeem et al. 2020) and alpha-precision, beta-recall and authenticity (Alaa et al. 2022)"
                + " in the encoded feature space";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR, Modality.IMAGE);
    }

    @Override
    public Class<? extends Record> configClass() {
        return DiversityConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return DiversityMetric.class;
    }
}
