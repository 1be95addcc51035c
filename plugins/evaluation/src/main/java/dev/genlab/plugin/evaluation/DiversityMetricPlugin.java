package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;
import java.util.List;
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

    /**
     * Every value is a share of rows in [0, 1] (1 = ideal) except density, the mean number of real k-NN balls a
     * synthetic row falls in, divided by k: 1 when the synthetic rows sit like the real ones, above 1 when they
     * crowd into dense regions. It is maximised as in Naeem et al. (unbounded above; prefer coverage to judge).
     * α-precision and β-recall are 1 − 2·(area between the curve and the diagonal), which can dip slightly below 0.
     * Score card: coverage passes from 0.80 and fails below 0.50.
     */
    @Override
    public List<Measure> measures() {
        return List.of(
                Measure.maximise("coverage", 0, 1, "share of real rows whose k-NN ball holds a synthetic row (headline)").withThreshold(0.80, 0.50),
                Measure.maximise("density", 0, Double.POSITIVE_INFINITY, "mean count of real k-NN balls holding a synthetic row, over k (1 = like real)"),
                Measure.maximise("precision", 0, 1, "share of synthetic rows inside some real row's k-NN ball"),
                Measure.maximise("recall", 0, 1, "share of real rows inside some synthetic row's k-NN ball"),
                Measure.maximise("alpha_precision", -1, 1, "alpha-precision (Alaa et al. 2022): 1 - 2 x area between curve and diagonal"),
                Measure.maximise("beta_recall", -1, 1, "beta-recall (Alaa et al. 2022): 1 - 2 x area between curve and diagonal"),
                Measure.maximise("authenticity", 0, 1, "share of synthetic rows farther from their nearest real row than it is from its own neighbour"),
                Measure.information("real_rows", "real training rows used (after max-rows)"),
                Measure.information("synthetic_rows", "synthetic rows used (after max-rows)"));
    }

    /**
     * 100 real and 100 synthetic rows. The measures need more rows than nearest-k (default 5), else they are NaN;
     * with 20·k rows a k-NN ball is local rather than a sizeable share of the data, and the 30 α-levels of
     * α-precision and β-recall fall on distinct quantiles (fewer than 30 real rows repeat them). The test split is
     * not used.
     */
    @Override
    public MinimumSizes minimumSizes() {
        return new MinimumSizes(100, 1, 100);
    }
}
