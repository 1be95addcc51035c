package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;
import java.util.List;
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

    /**
     * TSTR (trained on synthetic, tested on real) is the property of the synthetic data; TRTR is the real-data
     * reference it is compared with, the same for every model on one split, so it is information. {@code gap} is
     * {@code trtr − tstr} ({@code tstr − trtr} for rmse and mae): positive when the synthetic data is worse. It is
     * minimised, not targeted at 0: on one split TRTR is fixed, so ranking by the gap must agree with ranking by
     * TSTR, and a synthetic set whose models beat the real-data ones (a negative gap) is more useful, not less.
     * Score card: the gap of the headline family, {@code gap.macro_f1} (classification) or {@code gap.r2}
     * (regression), passes up to 0.05 and fails above 0.10.
     */
    @Override
    public List<Measure> measures() {
        return List.of(
                Measure.information("trtr.*", "score of the learner trained on the real training rows (the reference TSTR is compared with)"),
                Measure.minimise("gap.macro_f1", -1, 1, "trtr - tstr macro F1 (mean over learners): positive = synthetic worse").withThreshold(0.05, 0.10),
                Measure.minimise("gap.r2", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "trtr - tstr R² (mean over learners): positive = synthetic worse").withThreshold(0.05, 0.10),
                Measure.minimise("gap.*", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "trtr - tstr (tstr - trtr for rmse, mae): positive = synthetic worse"),
                Measure.minimise("tstr.rmse", 0, Double.POSITIVE_INFINITY, "RMSE on real test rows of learners trained on synthetic rows (mean over learners)"),
                Measure.minimise("tstr.*.rmse", 0, Double.POSITIVE_INFINITY, "RMSE on real test rows of one learner trained on synthetic rows"),
                Measure.minimise("tstr.mae", 0, Double.POSITIVE_INFINITY, "mean absolute error on real test rows of learners trained on synthetic rows (mean over learners)"),
                Measure.minimise("tstr.*.mae", 0, Double.POSITIVE_INFINITY, "mean absolute error on real test rows of one learner trained on synthetic rows"),
                Measure.maximise("tstr.r2", Double.NEGATIVE_INFINITY, 1, "R² on real test rows of learners trained on synthetic rows (mean over learners; headline for a numeric target)"),
                Measure.maximise("tstr.*.r2", Double.NEGATIVE_INFINITY, 1, "R² on real test rows of one learner trained on synthetic rows"),
                Measure.maximise("tstr.*", 0, 1, "accuracy, macro F1 (headline for a categorical target) or AUC on real test rows of learners trained on synthetic rows"),
                Measure.information("real_classes", "target classes present in the real training rows"),
                Measure.information("synthetic_classes", "target classes present in the synthetic rows"),
                Measure.information("real_rows", "real training rows with a target (after max-rows)"),
                Measure.information("synthetic_rows", "synthetic rows with a target (after max-rows)"),
                Measure.information("test_rows", "real test rows with a target"));
    }

    /**
     * 100 rows of each. One test row moves accuracy by 1/n, 0.01 at n = 100, a fifth of the 0.05 pass bound on the
     * gap; macro F1 and AUC need every class in the test rows, which a smaller test split of an imbalanced target
     * (Adult: 24 % positive) often lacks; and the learners see one feature per level after one-hot encoding (over
     * 100 on Adult), so fewer training rows than that fit noise on either side.
     */
    @Override
    public MinimumSizes minimumSizes() {
        return new MinimumSizes(100, 100, 100);
    }
}
