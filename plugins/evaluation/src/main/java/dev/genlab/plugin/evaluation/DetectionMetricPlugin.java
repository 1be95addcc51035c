package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;
import java.util.List;
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

    /**
     * An AUC is best at 0.5 (the classifier cannot tell the rows apart); below 0.5 is as telling as above. Score
     * card: {@code auc} (the best detector's) passes in [0.40, 0.60] and fails outside [0.25, 0.75].
     */
    @Override
    public List<Measure> measures() {
        return List.of(
                Measure.maximise("score", 0, 1, "1 - 2|AUC - 0.5| of the best detector (headline): 1 indistinguishable, 0 separable"),
                Measure.target("auc", 0.5, 0, 1, "cross-validated AUC of the best detector; 0.5 = cannot tell synthetic from real")
                        .withThreshold(0.60, 0.75),
                Measure.maximise("score.*", 0, 1, "1 - 2|AUC - 0.5| of one classifier"),
                Measure.target("auc.*", 0.5, 0, 1, "cross-validated AUC of one classifier; 0.5 = cannot tell synthetic from real"),
                Measure.information("importance.*", "drop in |AUC - 0.5| of the best detector when this column is shuffled: how much it gives the synthetic data away"),
                Measure.information("real_rows", "real training rows used (after max-rows)"),
                Measure.information("synthetic_rows", "synthetic rows used (after max-rows)"));
    }

    /**
     * 200 real and 200 synthetic rows. Each of the (default 3) folds must hold both kinds of row, and the AUC of a
     * detector that cannot tell them apart scatters around 0.5 with a standard error of about √((2n + 1) / 12n²)
     * for n rows of each kind: 0.03 at n = 200, so the pass bound 0.60 is three standard errors away; at n = 50
     * it is 0.06 and chance alone can fail a perfect generator. The test split is not used.
     */
    @Override
    public MinimumSizes minimumSizes() {
        return new MinimumSizes(200, 1, 200);
    }
}
