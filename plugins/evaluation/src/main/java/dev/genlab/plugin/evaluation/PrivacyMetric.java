package dev.genlab.plugin.evaluation;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How closely synthetic rows reproduce training rows, judged against real holdout rows (the test split), which the
 * model never saw: a synthetic row should be no closer to the training data than a fresh real row is (Platzer &amp;
 * Reutterer 2021). Distances are the module's mixed distance (see {@link FeatureEncoder}).
 */
public final class PrivacyMetric implements Metric {
    private static final double[] QUANTILES = {0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 1};

    private final PrivacyConfig config;

    @Inject
    public PrivacyMetric(PrivacyConfig config) {
        this.config = config;
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        Table train = input.train().asTable();
        Table holdout = input.test().asTable();
        Table synthetic = input.synthetic().asTable();
        Report report = new Report("privacy");
        Map<String, Double> values = new LinkedHashMap<>();

        ExactCopies copies = new ExactCopies(train);
        double copyRate = rate(copies.count(synthetic), synthetic.rowCount());
        double holdoutCopyRate = rate(copies.count(holdout), holdout.rowCount());

        FeatureEncoder encoder = FeatureEncoder.fit(train, List.of());
        EncodedRows t = encoder.encode(Sampling.atMost(train, config.maxRows(), context.random("privacy.train")));
        EncodedRows h = encoder.encode(Sampling.atMost(holdout, config.maxRows(), context.random("privacy.holdout")));
        EncodedRows s = encoder.encode(Sampling.atMost(synthetic, config.maxRows(), context.random("privacy.synthetic")));

        values.put("mia.auc", Double.NaN);
        values.put("exact_copy_rate", copyRate);
        values.put("exact_copy_rate.holdout", holdoutCopyRate);
        values.put("gate.pass", copyRate <= holdoutCopyRate + config.maxExcessCopyRate() ? 1.0 : 0.0);
        values.put("train_rows", (double) t.rows());
        values.put("holdout_rows", (double) h.rows());
        values.put("synthetic_rows", (double) s.rows());
        if (values.get("gate.pass") == 0) {
            report.note(String.format(java.util.Locale.ROOT, "privacy gate failed: %.4f of synthetic rows copy a training row (holdout: %.4f, allowed excess %.4f)",
                    copyRate, holdoutCopyRate, config.maxExcessCopyRate()));
        }
        if (t.rows() < 2 || h.rows() == 0 || s.rows() == 0) {
            report.note("distance measures need at least 2 training rows, 1 holdout row and 1 synthetic row");
            report.writeNotes(context);
            return new MetricResult(values, "mia.auc");
        }

        NearestNeighbours.Neighbours syntheticToTrain = NearestNeighbours.nearest(s, t, 2);
        NearestNeighbours.Neighbours holdoutToTrain = NearestNeighbours.nearest(h, t, 2);
        double[] dcrSynthetic = syntheticToTrain.distances(0);
        double[] dcrHoldout = holdoutToTrain.distances(0);
        double[] nndrSynthetic = nndr(syntheticToTrain);
        double[] nndrHoldout = nndr(holdoutToTrain);
        Arrays.sort(dcrSynthetic);
        Arrays.sort(dcrHoldout);
        Arrays.sort(nndrSynthetic);
        Arrays.sort(nndrHoldout);
        double p5Synthetic = Scores.quantileOfSorted(dcrSynthetic, 0.05);
        double p5Holdout = Scores.quantileOfSorted(dcrHoldout, 0.05);
        values.put("dcr.synthetic.p5", p5Synthetic);
        values.put("dcr.synthetic.median", Scores.quantileOfSorted(dcrSynthetic, 0.5));
        values.put("dcr.holdout.p5", p5Holdout);
        values.put("dcr.holdout.median", Scores.quantileOfSorted(dcrHoldout, 0.5));
        values.put("dcr.ratio.p5", p5Holdout == 0 ? Double.NaN : p5Synthetic / p5Holdout);
        values.put("nndr.synthetic.p5", Scores.quantileOfSorted(nndrSynthetic, 0.05));
        values.put("nndr.synthetic.median", Scores.quantileOfSorted(nndrSynthetic, 0.5));
        values.put("nndr.holdout.p5", Scores.quantileOfSorted(nndrHoldout, 0.05));
        values.put("nndr.holdout.median", Scores.quantileOfSorted(nndrHoldout, 0.5));

        // Membership inference: the closer a real row is to the synthetic data, the likelier it was trained on.
        double[] trainToSynthetic = NearestNeighbours.nearest(t, s, 1).distances(0);
        double[] holdoutToSynthetic = NearestNeighbours.nearest(h, s, 1).distances(0);
        double[] score = new double[t.rows() + h.rows()];
        boolean[] member = new boolean[score.length];
        for (int i = 0; i < t.rows(); i++) {
            score[i] = -trainToSynthetic[i];
            member[i] = true;
        }
        for (int i = 0; i < h.rows(); i++) {
            score[t.rows() + i] = -holdoutToSynthetic[i];
        }
        values.put("mia.auc", Scores.auc(score, member));

        List<List<Object>> rows = new ArrayList<>();
        for (double q : QUANTILES) {
            rows.add(List.of(q, Scores.quantileOfSorted(dcrSynthetic, q), Scores.quantileOfSorted(dcrHoldout, q),
                    Scores.quantileOfSorted(nndrSynthetic, q), Scores.quantileOfSorted(nndrHoldout, q)));
        }
        report.write(context, "distances.csv", Report.csv(List.of("quantile", "dcr_synthetic", "dcr_holdout", "nndr_synthetic", "nndr_holdout"), rows));
        report.writeNotes(context);
        return new MetricResult(values, "mia.auc");
    }

    /** Distance to the nearest over distance to the second-nearest training row; 1 where both are 0 (a duplicated row). */
    private static double[] nndr(NearestNeighbours.Neighbours n) {
        double[] out = new double[n.squaredDistances().length / 2];
        for (int q = 0; q < out.length; q++) {
            double d2 = n.distance(q, 1);
            out[q] = d2 == 0 ? 1 : n.distance(q, 0) / d2;
        }
        return out;
    }

    private static double rate(int count, int of) {
        return of == 0 ? Double.NaN : (double) count / of;
    }
}
