package dev.genlab.plugin.evaluation;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Classifier two-sample test: real training rows (label 0) and synthetic rows (label 1) are pooled, each classifier
 * is cross-validated on telling them apart, and its AUC is the mean of the folds' AUCs. Identical rows always share a
 * fold (grouped k-fold on the encoded row), so a synthetic copy of a real row cannot be "detected" by memorising its
 * twin: identical tables give AUC 0.5 exactly. Score = 1 − 2·|AUC − 0.5| (1: indistinguishable, 0: separable).
 */
public final class DetectionMetric implements Metric {
    private final DetectionConfig config;

    @Inject
    public DetectionMetric(DetectionConfig config) {
        this.config = config;
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        Table train = input.train().asTable();
        Table real = Sampling.atMost(train, config.maxRows(), context.random("detection.real"));
        Table synthetic = Sampling.atMost(input.synthetic().asTable(), config.maxRows(), context.random("detection.synthetic"));
        Report report = new Report("detection");
        FeatureEncoder encoder = FeatureEncoder.fit(train, List.of());
        EncodedRows pooled = concat(encoder.encode(real), encoder.encode(synthetic));
        int[] labels = new int[pooled.rows()];
        Arrays.fill(labels, real.rowCount(), labels.length, 1);
        int[] fold = groupedFolds(pooled, config.folds(), context.random("detection.folds"));

        Map<String, Double> values = new LinkedHashMap<>();
        values.put("score", Double.NaN);
        values.put("auc", Double.NaN);
        double worstScore = Double.NaN;
        double worstAuc = Double.NaN;
        List<List<Object>> rows = new ArrayList<>();
        List<Classifier> classifiers = config.classifiers();
        long[] seeds = new long[classifiers.size()];
        for (int c = 0; c < seeds.length; c++) {
            seeds[c] = context.random("detection." + classifiers.get(c).label()).nextLong();
        }
        // every (classifier, fold) is an independent job with its own seed: run them in parallel
        double[][] aucs = new double[classifiers.size()][config.folds()];
        IntStream.range(0, classifiers.size() * config.folds()).parallel().forEach(job -> {
            context.checkCancelled();
            int c = job / config.folds();
            int f = job % config.folds();
            aucs[c][f] = foldAuc(classifiers.get(c), seeds[c], encoder, pooled, labels, fold, f);
        });
        for (int c = 0; c < classifiers.size(); c++) {
            Classifier classifier = classifiers.get(c);
            for (int f = 0; f < config.folds(); f++) {
                rows.add(List.of(classifier.label(), f, aucs[c][f]));
            }
            double auc = Scores.meanPresent(aucs[c]);
            double score = 1 - 2 * Math.abs(auc - 0.5);
            values.put("auc." + classifier.label(), auc);
            values.put("score." + classifier.label(), score);
            if (!Double.isNaN(score) && (Double.isNaN(worstScore) || score < worstScore)) {
                worstScore = score;
                worstAuc = auc;
            }
        }
        if (Double.isNaN(worstScore)) {
            report.note("no fold had both real and synthetic rows to train and test on (real rows: " + real.rowCount() + ", synthetic rows: "
                    + synthetic.rowCount() + ")");
        }
        values.put("score", worstScore);
        values.put("auc", worstAuc);
        values.put("real_rows", (double) real.rowCount());
        values.put("synthetic_rows", (double) synthetic.rowCount());
        report.write(context, "folds.csv", Report.csv(List.of("classifier", "fold", "auc"), rows));
        report.writeNotes(context);
        return new MetricResult(values, "score");
    }

    private static double foldAuc(Classifier classifier, long seed, FeatureEncoder encoder, EncodedRows pooled, int[] labels, int[] fold, int f) {
        int[] trainRows = select(fold, f, false);
        int[] testRows = select(fold, f, true);
        int[] trainLabels = pick(labels, trainRows);
        int[] testLabels = pick(labels, testRows);
        if (Target.distinct(trainLabels, 2) < 2 || Target.distinct(testLabels, 2) < 2) {
            return Double.NaN;
        }
        double[][] p = TribuoModels.classify(classifier, seed, encoder.featureNames(), pooled.rows(trainRows), trainLabels, 2, pooled.rows(testRows));
        return Scores.auc(testLabels, p, 2);
    }

    /**
     * Fold of each row: rows with the same encoding form one group, groups are shuffled and dealt to folds in turn.
     */
    static int[] groupedFolds(EncodedRows rows, int folds, SplittableRandom random) {
        Map<Long, Integer> groupOf = new HashMap<>();
        int[] group = new int[rows.rows()];
        for (int r = 0; r < rows.rows(); r++) {
            group[r] = groupOf.computeIfAbsent(rows.hash(r), h -> groupOf.size());
        }
        int groups = groupOf.size();
        int[] order = new int[groups];
        Arrays.setAll(order, i -> i);
        for (int i = groups - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] foldOfGroup = new int[groups];
        for (int i = 0; i < groups; i++) {
            foldOfGroup[order[i]] = i % folds;
        }
        int[] out = new int[rows.rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = foldOfGroup[group[r]];
        }
        return out;
    }

    private static EncodedRows concat(EncodedRows a, EncodedRows b) {
        double[] numeric = Arrays.copyOf(a.numeric(), a.numeric().length + b.numeric().length);
        System.arraycopy(b.numeric(), 0, numeric, a.numeric().length, b.numeric().length);
        long[] bits = Arrays.copyOf(a.bits(), a.bits().length + b.bits().length);
        System.arraycopy(b.bits(), 0, bits, a.bits().length, b.bits().length);
        return new EncodedRows(a.rows() + b.rows(), a.numericDims(), numeric, a.words(), bits);
    }

    private static int[] select(int[] fold, int f, boolean inFold) {
        return IntStream.range(0, fold.length).filter(r -> (fold[r] == f) == inFold).toArray();
    }

    private static int[] pick(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
