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
 *
 * <p>Which columns give the synthetic data away: in each test fold, each column in turn is shuffled among the fold's
 * rows (a seeded permutation per fold and column) and the fold scored again by the same trained classifier;
 * {@code importance.<column>} is the mean over folds of the drop in |AUC − 0.5| of the best detector (the one whose
 * AUC is the headline). A column the detector does not use scores about 0; a column only the synthetic data gets
 * wrong takes most of the separation with it. Every classifier's importances are in {@code detection/importance.csv}.
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
        List<String> columns = encoder.columns();
        SplittableRandom shuffles = context.random("detection.importance");
        long[][] shuffleSeeds = new long[config.folds()][columns.size()];
        for (long[] perFold : shuffleSeeds) {
            Arrays.setAll(perFold, i -> shuffles.nextLong());
        }
        // every (classifier, fold) is an independent job with its own seeds: run them in parallel
        double[][] aucs = new double[classifiers.size()][config.folds()];
        double[][][] drops = new double[classifiers.size()][config.folds()][];
        IntStream.range(0, classifiers.size() * config.folds()).parallel().forEach(job -> {
            context.checkCancelled();
            int c = job / config.folds();
            int f = job % config.folds();
            double[] result = foldAuc(classifiers.get(c), seeds[c], encoder, pooled, labels, fold, f, columns, shuffleSeeds[f]);
            aucs[c][f] = result[0];
            drops[c][f] = Arrays.copyOfRange(result, 1, result.length);
        });
        int bestDetector = -1;
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
                bestDetector = c;
            }
        }
        List<List<Object>> importanceRows = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            for (int c = 0; c < classifiers.size(); c++) {
                double importance = importance(drops[c], j);
                importanceRows.add(List.of(classifiers.get(c).label(), columns.get(j), importance));
                if (c == bestDetector || (bestDetector < 0 && c == 0)) {
                    values.put("importance." + Keys.segment(columns.get(j)), importance);
                }
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
        report.write(context, "importance.csv", Report.csv(List.of("classifier", "column", "importance"), importanceRows));
        report.writeNotes(context);
        return new MetricResult(values, "score");
    }

    /**
     * The fold's AUC, then per column the drop in |AUC − 0.5| when that column is shuffled among the fold's test
     * rows (permutation {@code shuffleSeeds[column]}); all NaN when the fold lacks a kind of row.
     */
    private static double[] foldAuc(Classifier classifier, long seed, FeatureEncoder encoder, EncodedRows pooled, int[] labels, int[] fold, int f,
            List<String> columns, long[] shuffleSeeds) {
        double[] out = new double[1 + columns.size()];
        Arrays.fill(out, Double.NaN);
        int[] trainRows = select(fold, f, false);
        int[] testRows = select(fold, f, true);
        int[] trainLabels = pick(labels, trainRows);
        int[] testLabels = pick(labels, testRows);
        if (Target.distinct(trainLabels, 2) < 2 || Target.distinct(testLabels, 2) < 2) {
            return out;
        }
        TribuoModels.TrainedClassifier model = TribuoModels.classifier(classifier, seed, encoder.featureNames(), pooled.rows(trainRows), trainLabels, 2);
        EncodedRows test = pooled.rows(testRows);
        out[0] = Scores.auc(testLabels, model.probabilities(test), 2);
        for (int j = 0; j < columns.size(); j++) {
            int[] permutation = permutation(test.rows(), new SplittableRandom(shuffleSeeds[j]));
            double shuffled = Scores.auc(testLabels, model.probabilities(encoder.permuted(test, columns.get(j), permutation)), 2);
            out[1 + j] = Math.abs(out[0] - 0.5) - Math.abs(shuffled - 0.5);
        }
        return out;
    }

    /** Mean over the folds where it is defined of column {@code j}'s drop. */
    private static double importance(double[][] dropsPerFold, int j) {
        double[] perFold = new double[dropsPerFold.length];
        for (int f = 0; f < perFold.length; f++) {
            perFold[f] = dropsPerFold[f][j];
        }
        return Scores.meanPresent(perFold);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
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
