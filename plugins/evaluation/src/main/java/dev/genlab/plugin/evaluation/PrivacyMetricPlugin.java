package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;
import java.util.List;
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

    /**
     * Distances are in the module's mixed space. The synthetic rows' DCR and NNDR are maximised (farther from the
     * training rows = less copied); the holdout's are the reference a fresh real row gets, so information.
     * {@code dcr.ratio.p5} = p5 DCR of synthetic / p5 DCR of holdout: 1 = synthetic rows are as far from the
     * training rows as unseen real rows are, below 1 = closer (suspiciously close), so higher is safer. Score
     * card: exact_copy_rate passes up to 0.01 and fails above 0.05; dcr.ratio.p5 passes from 0.9 and fails below
     * 0.5; mia.auc passes in [0.45, 0.55] and fails outside [0.40, 0.60].
     */
    @Override
    public List<Measure> measures() {
        return List.of(
                Measure.target("mia.auc", 0.5, 0, 1, "membership-inference AUC of the distance-to-synthetic attack (headline); 0.5 = members not told apart")
                        .withThreshold(0.55, 0.60),
                Measure.minimise("exact_copy_rate", 0, 1, "share of synthetic rows that exactly copy a training row").withThreshold(0.01, 0.05),
                Measure.information("exact_copy_rate.holdout", "share of real holdout rows that exactly repeat a training row (the reference)"),
                Measure.maximise("gate.pass", 0, 1, "1 if the synthetic copy rate exceeds the holdout's by at most max-excess-copy-rate, else 0"),
                Measure.maximise("dcr.ratio.p5", 0, Double.POSITIVE_INFINITY, "p5 DCR of synthetic / p5 DCR of holdout: 1 = as far from the training rows as unseen real rows, < 1 = closer")
                        .withThreshold(0.9, 0.5),
                Measure.maximise("dcr.synthetic.*", 0, Double.POSITIVE_INFINITY, "distance from a synthetic row to its closest training row (quantile)"),
                Measure.maximise("nndr.synthetic.*", 0, 1, "nearest / second-nearest training-row distance of a synthetic row (quantile)"),
                Measure.information("dcr.holdout.*", "distance from a real holdout row to its closest training row (quantile): the reference"),
                Measure.information("nndr.holdout.*", "nearest / second-nearest training-row distance of a holdout row (quantile): the reference"),
                Measure.information("train_rows", "training rows in the distance measures (after max-rows)"),
                Measure.information("holdout_rows", "holdout (test) rows in the distance measures (after max-rows)"),
                Measure.information("synthetic_rows", "synthetic rows in the distance measures (after max-rows)"));
    }

    /**
     * 200 rows of each (train, holdout, synthetic). The p5 distance quantiles rest on the closest 5 % of rows, 10
     * rows at n = 200; and the membership-inference AUC of an attack that learns nothing scatters around 0.5 with a
     * standard error of about √((2n + 1) / 12n²), 0.03 at n = 200, so the 0.55 pass bound is not chance (0.06 at
     * n = 50 would fail honest generators by luck).
     */
    @Override
    public MinimumSizes minimumSizes() {
        return new MinimumSizes(200, 200, 200);
    }
}
