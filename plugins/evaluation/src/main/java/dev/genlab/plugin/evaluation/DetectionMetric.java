package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
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
 * AUC is the headline; only its models are re-scored, on at most {@link #IMPORTANCE_ROWS} test rows per fold). A
 * column the detector does not use scores about 0; a column only the synthetic data gets wrong takes most of the
 * separation with it. The values are also in {@code detection/importance.csv}.
 */
public final class DetectionMetric implements Metric {
    /**
     * Most test rows per fold the importance re-scores (a seeded subsample beyond): the AUC of 2,000 rows is
     * precise to about 0.015, and re-scoring every row of every fold for every column doubled the metric's time.
     */
    static final int IMPORTANCE_ROWS = 2000;

    private final DetectionConfig config;

    @Inject
    public DetectionMetric(DetectionConfig config) {
        this.config = config;
    }

    /** Each fold needs real rows to hold out: no more folds than the real rows the metric uses. */
    @Override
    public void check(Data train, DataProblems problems) {
        int real = Math.min(train.size(), config.maxRows());
        if (real < config.folds()) {
            problems.setting("folds", "detection cross-validates over " + config.folds() + " folds, each holding out real rows, but the"
                    + " training part has only " + real + " row" + (real == 1 ? "" : "s") + "; use at most " + Math.max(2, real)
                    + " folds or more data");
        }
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
        Fold[] folds = new Fold[config.folds()];
        Arrays.setAll(folds, f -> Fold.of(pooled, labels, fold, f));
        // every (classifier, fold) is an independent job with its own seed: run them in parallel
        double[][] aucs = new double[classifiers.size()][config.folds()];
        TribuoModels.TrainedClassifier[][] models = new TribuoModels.TrainedClassifier[classifiers.size()][config.folds()];
        IntStream.range(0, classifiers.size() * config.folds()).parallel().forEach(job -> {
            context.checkCancelled();
            int c = job / config.folds();
            int f = job % config.folds();
            models[c][f] = folds[f].train(classifiers.get(c), seeds[c], encoder);
            aucs[c][f] = models[c][f] == null ? Double.NaN : Scores.auc(folds[f].testLabels(), models[c][f].probabilities(folds[f].test()), 2);
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
        // permutation importance of the best detector only: the others' clues do not decide the headline
        int detector = Math.max(bestDetector, 0);
        SplittableRandom subsample = context.random("detection.importance.rows");
        Fold[] scored = new Fold[folds.length];
        double[] scoredAuc = new double[folds.length];
        for (int f = 0; f < folds.length; f++) {
            scored[f] = folds[f].atMostTestRows(IMPORTANCE_ROWS, subsample);
            TribuoModels.TrainedClassifier model = models[detector][f];
            scoredAuc[f] = model == null ? Double.NaN : Scores.auc(scored[f].testLabels(), model.probabilities(scored[f].test()), 2);
        }
        double[][] drops = new double[config.folds()][columns.size()];
        IntStream.range(0, config.folds() * columns.size()).parallel().forEach(job -> {
            context.checkCancelled();
            int f = job / columns.size();
            int j = job % columns.size();
            drops[f][j] = drop(models[detector][f], scoredAuc[f], scored[f], encoder, columns.get(j), shuffleSeeds[f][j]);
        });
        List<List<Object>> importanceRows = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            double importance = importance(drops, j);
            importanceRows.add(List.of(classifiers.get(detector).label(), columns.get(j), importance));
            values.put("importance." + Keys.segment(columns.get(j)), importance);
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

    /** One cross-validation fold: the rows to train on and the rows to test on, with their labels. */
    private record Fold(EncodedRows train, int[] trainLabels, EncodedRows test, int[] testLabels) {
        static Fold of(EncodedRows pooled, int[] labels, int[] fold, int f) {
            int[] trainRows = select(fold, f, false);
            int[] testRows = select(fold, f, true);
            return new Fold(pooled.rows(trainRows), pick(labels, trainRows), pooled.rows(testRows), pick(labels, testRows));
        }

        /** This fold with at most {@code max} of its test rows (a seeded subsample, in order), for the importance. */
        Fold atMostTestRows(int max, SplittableRandom random) {
            if (test.rows() <= max) {
                return this;
            }
            int[] chosen = Sampling.choose(test.rows(), max, random);
            return new Fold(train, trainLabels, test.rows(chosen), pick(testLabels, chosen));
        }

        /** {@code classifier} trained on this fold; null when the fold lacks a kind of row (its AUC is NaN). */
        TribuoModels.TrainedClassifier train(Classifier classifier, long seed, FeatureEncoder encoder) {
            if (Target.distinct(trainLabels, 2) < 2 || Target.distinct(testLabels, 2) < 2) {
                return null;
            }
            return TribuoModels.classifier(classifier, seed, encoder.featureNames(), train, trainLabels, 2);
        }
    }

    /**
     * The drop in |AUC − 0.5| of {@code model} on the fold's test rows when {@code column} is shuffled among them
     * (permutation seeded by {@code shuffleSeed}); NaN for a fold without a model.
     */
    private static double drop(TribuoModels.TrainedClassifier model, double auc, Fold fold, FeatureEncoder encoder, String column, long shuffleSeed) {
        if (model == null) {
            return Double.NaN;
        }
        int[] permutation = permutation(fold.test().rows(), new SplittableRandom(shuffleSeed));
        double shuffled = Scores.auc(fold.testLabels(), model.probabilities(encoder.permuted(fold.test(), column, permutation)), 2);
        return Math.abs(auc - 0.5) - Math.abs(shuffled - 0.5);
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
