package dev.genlab.plugin.fidelity;

import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;
import java.util.List;
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

    /**
     * Every value is a similarity in [0, 1], 1 = alike. Score card: {@code overall} passes at 0.90 and fails below
     * 0.80 (SDMetrics calls a quality score above 0.9 good; a shuffled copy scores 1).
     */
    @Override
    public List<Measure> measures() {
        return List.of(
                Measure.maximise("overall", 0, 1, "mean of column-shapes and column-pair-trends (headline)").withThreshold(0.90, 0.80),
                Measure.maximise("column-shapes", 0, 1, "mean of the column shape scores"),
                Measure.maximise("column-pair-trends", 0, 1, "mean of the defined column pair scores"),
                Measure.maximise("ks-complement.*", 0, 1, "numeric column: 1 - Kolmogorov-Smirnov statistic"),
                Measure.maximise("tv-complement.*", 0, 1, "categorical column: 1 - total variation distance of the level shares"),
                Measure.maximise("correlation-similarity.*", 0, 1, "two numeric columns: 1 - |corr_real - corr_synthetic| / 2"),
                Measure.maximise("contingency-similarity.*", 0, 1, "pair with a categorical column: 1 - total variation of the joint table"));
    }

    /**
     * 50 real and 50 synthetic rows. Below a few dozen rows one row moves a level share by several percent and even
     * two samples of one distribution differ by a KS statistic of about 0.87·√(2/n) (0.17 at n = 50), so the
     * scores measure sample size, not the generator; a 1-row training set would score a perfect 1. The test split
     * is not used.
     */
    @Override
    public MinimumSizes minimumSizes() {
        return new MinimumSizes(50, 1, 50);
    }
}
