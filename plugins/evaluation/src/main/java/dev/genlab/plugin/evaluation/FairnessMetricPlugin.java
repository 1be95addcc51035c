package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;
import java.util.List;
import java.util.Set;

/** {@code fairness}: representation, demographic parity and equalized odds per sensitive group, real vs synthetic. */
public final class FairnessMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "fairness";
    }

    @Override
    public String description() {
        return "Bias in real vs synthetic data per sensitive attribute and intersection: group shares, demographic parity and disparate impact"
                + " of the labels, and equalized odds of a classifier trained on each, with the change (bias amplification)";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return FairnessConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return FairnessMetric.class;
    }

    /**
     * Per attribute (a sensitive column or a pair, {@code <attr>}): the bias of the real and of the synthetic data
     * are sample statistics (information); their signed change, synthetic − real, is best at 0 (the synthetic
     * data neither widens nor erases the real gap). {@code amplification.*} is the largest change over the
     * attributes, also targeted at 0: a generator that erases a real gap misrepresents the data as much as one
     * that widens it. Score card: both amplifications pass within ±0.05 and fail beyond ±0.10.
     */
    @Override
    public List<Measure> measures() {
        return List.of(
                Measure.target("amplification.dp_difference", 0, -1, 1, "largest change of the demographic-parity difference over the attributes (headline)")
                        .withThreshold(0.05, 0.10),
                Measure.target("amplification.equalized_odds_difference", 0, -1, 1, "largest change of the equalized-odds difference over the attributes")
                        .withThreshold(0.05, 0.10),
                Measure.information("share.*", "share of a group in the real or synthetic rows"),
                Measure.minimise("missing_groups.*", 0, Double.POSITIVE_INFINITY, "groups with real rows but none in the synthetic data"),
                Measure.minimise("underrepresented_groups.*", 0, Double.POSITIVE_INFINITY, "groups whose synthetic share is below min-share-ratio of their real share (missing ones included)"),
                Measure.minimise("representation_tvd.*", 0, 1, "total variation distance between real and synthetic group shares"),
                Measure.information("model.accuracy.*", "test accuracy of the classifier trained on real or on synthetic rows"),
                Measure.target("disparate_impact.*.change", 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "synthetic - real AIF360 disparate impact"),
                Measure.target("statistical_parity_difference.*.change", 0, -2, 2, "synthetic - real AIF360 statistical parity difference"),
                Measure.target("*.change", 0, -1, 1, "synthetic - real value of a group disparity (0 = bias preserved)"),
                Measure.information("*.real", "a group disparity of the real data or of the model trained on it"),
                Measure.information("*.synthetic", "a group disparity of the synthetic data or of the model trained on it"));
    }

    /**
     * 200 rows of each. Every rate is computed per group: a group making a tenth of the rows has 20 of them at
     * n = 200, one row then moves its selection rate by 5 %, the pass bound of the amplification; the model-level
     * rates (TPR, FPR) are computed on the test rows of each group with a given label, fewer still.
     */
    @Override
    public MinimumSizes minimumSizes() {
        return new MinimumSizes(200, 200, 200);
    }
}
