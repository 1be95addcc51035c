package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Machine-learning utility: each learner is trained on the real training rows (TRTR) and on the synthetic rows
 * (TSTR) and both are tested on the real test rows; {@code gap = trtr − tstr} (for RMSE and MAE {@code tstr − trtr},
 * so a positive gap always means the synthetic data is worse). Rows with a missing target are left out.
 */
public final class UtilityMetric implements Metric {
    private static final List<String> CLASSIFICATION = List.of("accuracy", "macro_f1", "auc");
    private static final List<String> REGRESSION = List.of("r2", "rmse", "mae");

    private final UtilityConfig config;

    @Inject
    public UtilityMetric(UtilityConfig config) {
        this.config = config;
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        Table train = input.train().asTable();
        check(train, DataProblems.throwing());
        Column target = train.schema().column(train.schema().target().orElseThrow());
        Table real = Sampling.atMost(Target.withValue(train, target.name()), config.maxRows(), context.random("utility.real"));
        Table synthetic = Sampling.atMost(Target.withValue(input.synthetic().asTable(), target.name()), config.maxRows(), context.random("utility.synthetic"));
        Table test = Target.withValue(input.test().asTable(), target.name());
        Report report = new Report("utility");
        FeatureEncoder encoder = FeatureEncoder.fit(real, List.of(target.name()));
        EncodedRows realX = encoder.encode(real);
        EncodedRows syntheticX = encoder.encode(synthetic);
        EncodedRows testX = encoder.encode(test);
        boolean classification = target.isCategorical();
        List<String> measures = classification ? CLASSIFICATION : REGRESSION;

        Map<String, Double> values = new LinkedHashMap<>();
        List<Classifier> classifiers = config.classifiers();
        long[] seeds = new long[classifiers.size()];
        for (int c = 0; c < seeds.length; c++) {
            seeds[c] = context.random("utility." + classifiers.get(c).label()).nextLong();
        }
        // jobs 2c (real) and 2c + 1 (synthetic) train classifier c; independent, so they run in parallel
        double[][] scores = new double[2 * classifiers.size()][];
        IntStream.range(0, scores.length).parallel().forEach(job -> {
            context.checkCancelled();
            Classifier c = classifiers.get(job / 2);
            boolean onReal = job % 2 == 0;
            Table data = onReal ? real : synthetic;
            EncodedRows x = onReal ? realX : syntheticX;
            String source = onReal ? "real" : "synthetic";
            scores[job] = classification ? classify(c, seeds[job / 2], encoder, data, x, test, testX, target, source, report)
                    : regress(c, seeds[job / 2], encoder, data, x, test, testX, target, source, report);
        });
        Map<String, double[]> trtr = new LinkedHashMap<>();
        Map<String, double[]> tstr = new LinkedHashMap<>();
        for (int c = 0; c < classifiers.size(); c++) {
            trtr.put(classifiers.get(c).label(), scores[2 * c]);
            tstr.put(classifiers.get(c).label(), scores[2 * c + 1]);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int m = 0; m < measures.size(); m++) {
            String measure = measures.get(m);
            double[] r = new double[config.classifiers().size()];
            double[] s = new double[r.length];
            int i = 0;
            for (Classifier c : config.classifiers()) {
                r[i] = trtr.get(c.label())[m];
                s[i++] = tstr.get(c.label())[m];
            }
            values.put("tstr." + measure, Scores.meanPresent(s));
            values.put("trtr." + measure, Scores.meanPresent(r));
            values.put("gap." + measure, gap(measure, Scores.meanPresent(r), Scores.meanPresent(s)));
        }
        for (Classifier c : config.classifiers()) {
            for (int m = 0; m < measures.size(); m++) {
                String measure = measures.get(m);
                double r = trtr.get(c.label())[m];
                double s = tstr.get(c.label())[m];
                values.put("tstr." + c.label() + "." + measure, s);
                values.put("trtr." + c.label() + "." + measure, r);
                values.put("gap." + c.label() + "." + measure, gap(measure, r, s));
                rows.add(List.of(c.label(), measure, r, s, gap(measure, r, s)));
            }
        }
        if (classification) {
            values.put("real_classes", (double) Target.distinct(real.codes(target.name()), target.levels().size()));
            values.put("synthetic_classes", (double) Target.distinct(synthetic.codes(target.name()), target.levels().size()));
        }
        values.put("real_rows", (double) real.rowCount());
        values.put("synthetic_rows", (double) synthetic.rowCount());
        values.put("test_rows", (double) test.rowCount());
        report.write(context, "scores.csv", Report.csv(List.of("classifier", "measure", "trtr", "tstr", "gap"), rows));
        report.writeNotes(context);
        return new MetricResult(values, classification ? "tstr.macro_f1" : "tstr.r2");
    }

    /**
     * A target with at least two classes (two distinct values for a numeric one) among the training rows: with
     * one, no learner can be trained on the real data and every score is NaN, so the run could only report nothing.
     */
    @Override
    public void check(Data train, DataProblems problems) {
        Table table = train.asTable();
        if (table.schema().target().isEmpty()) {
            problems.dataset("target", "the utility metric needs a target column; set 'target' in the dataset block");
            return;
        }
        Column target = table.schema().column(table.schema().target().get());
        int c = table.schema().requireIndex(target.name());
        Set<String> values = new TreeSet<>();
        for (int r = 0; r < table.rowCount() && values.size() < 2; r++) {
            String v = table.text(c, r);
            if (v != null) {
                values.add(v);
            }
        }
        if (values.size() < 2) {
            problems.dataset("target", "the utility metric needs at least 2 " + (target.isCategorical() ? "classes" : "distinct values") + " of target '"
                    + target.name() + "' in the training rows, which hold " + (values.isEmpty() ? "no value" : "only '" + values.iterator().next() + "'")
                    + "; choose another target or leave out utility");
        }
    }

    private static double gap(String measure, double real, double synthetic) {
        return measure.equals("rmse") || measure.equals("mae") ? synthetic - real : real - synthetic;
    }

    /** {accuracy, macro F1, AUC} on the test rows of {@code kind} trained on {@code data}; NaN (with a note) if it has one class. */
    private static double[] classify(Classifier kind, long seed, FeatureEncoder encoder, Table data, EncodedRows x, Table test, EncodedRows testX,
            Column target, String source, Report report) {
        int classes = target.levels().size();
        int[] y = data.codes(target.name());
        if (data.rowCount() == 0 || Target.distinct(y, classes) < 2) {
            report.note("the " + source + " data has " + (data.rowCount() == 0 ? "no rows" : "a single target class") + " for '" + target.name()
                    + "', so no " + kind.label() + " can be trained on it: its scores are NaN");
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        int[] truth = test.codes(target.name());
        double[][] p = TribuoModels.classify(kind, seed, encoder.featureNames(), x, y, classes, testX);
        int[] predicted = new int[p.length];
        for (int r = 0; r < p.length; r++) {
            predicted[r] = TribuoModels.argmax(p[r]);
        }
        return new double[] {Scores.accuracy(truth, predicted), Scores.macroF1(truth, predicted, classes), Scores.auc(truth, p, classes)};
    }

    /** {R², RMSE, MAE} on the test rows; the target is standardised on {@code data} for training. */
    private static double[] regress(Classifier kind, long seed, FeatureEncoder encoder, Table data, EncodedRows x, Table test, EncodedRows testX,
            Column target, String source, Report report) {
        double[] y = data.numericColumn(target.name());
        if (y.length < 2) {
            report.note("the " + source + " data has fewer than 2 rows with a target, so no " + kind.label() + " can be trained on it: its scores are NaN");
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = Scores.mean(y);
        double sd = 0;
        for (double v : y) {
            sd += (v - mean) * (v - mean);
        }
        sd = Math.sqrt(sd / y.length);
        double scale = sd > 0 ? sd : 1;
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            z[i] = (y[i] - mean) / scale;
        }
        double[] predicted = TribuoModels.regress(kind, seed, encoder.featureNames(), x, z, testX);
        double[] truth = test.numericColumn(target.name());
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = predicted[i] * scale + mean;
        }
        return Scores.regression(truth, predicted);
    }
}
