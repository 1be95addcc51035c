package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bias in real and synthetic data, and its change (bias amplification), for each sensitive column and (optionally)
 * each pair of them. Real data means the real training rows; the model-level measures test on the real test rows.
 * See the module README for the definitions and the references (fairlearn, AIF360) they follow.
 */
public final class FairnessMetric implements Metric {
    private final FairnessConfig config;

    @Inject
    public FairnessMetric(FairnessConfig config) {
        this.config = config;
    }

    /**
     * A sensitive column or an intersection of several: its key segment, columns, groups (level combinations, e.g.
     * {@code Female/White}) and their key segments ({@code female/white}).
     */
    record Attribute(String key, int[] columns, List<String> groups, List<String> groupKeys, int[] radix) {
        /** Each row's group, -1 where a sensitive value is missing. */
        int[] groupsOf(Table t) {
            int[] out = new int[t.rowCount()];
            for (int r = 0; r < out.length; r++) {
                int g = 0;
                for (int j = 0; j < columns.length; j++) {
                    int code = t.code(columns[j], r);
                    if (code == Table.MISSING_CODE) {
                        g = -1;
                        break;
                    }
                    g = g * radix[j] + code;
                }
                out[r] = g;
            }
            return out;
        }
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        Table train = input.train().asTable();
        Table test = input.test().asTable();
        Table synthetic = input.synthetic().asTable();
        Schema schema = train.schema();
        check(train, DataProblems.throwing());
        Column target = schema.column(schema.target().orElseThrow());
        Report report = new Report("fairness");
        List<Attribute> attributes = attributes(schema, report);
        int favorable = favorable(train, target);

        Table trainL = Target.withValue(train, target.name());
        Table testL = Target.withValue(test, target.name());
        Table syntheticL = Target.withValue(synthetic, target.name());
        boolean[] trainY = favorable(trainL, target, favorable);
        boolean[] syntheticY = favorable(syntheticL, target, favorable);
        boolean[] testY = favorable(testL, target, favorable);

        // Model level: one classifier per data source, both tested on the real test rows.
        FeatureEncoder encoder = FeatureEncoder.fit(trainL, List.of(target.name()));
        EncodedRows testX = encoder.encode(testL);
        long seed = context.random("fairness.model").nextLong();
        boolean[] realPredicted = predict(encoder, trainL, trainY, testX, seed, "real", report);
        boolean[] syntheticPredicted = predict(encoder, syntheticL, syntheticY, testX, seed, "synthetic", report);

        Map<String, Double> values = new LinkedHashMap<>();
        values.put("amplification.dp_difference", Double.NaN);
        values.put("amplification.equalized_odds_difference", Double.NaN);
        double worstDp = Double.NaN;
        double worstEo = Double.NaN;
        List<List<Object>> rows = new ArrayList<>();
        for (Attribute a : attributes) {
            int groups = a.groups().size();
            GroupRates realShares = GroupRates.of(a.groupsOf(train), groups, new boolean[train.rowCount()], new boolean[train.rowCount()]);
            GroupRates syntheticShares = GroupRates.of(a.groupsOf(synthetic), groups, new boolean[synthetic.rowCount()], new boolean[synthetic.rowCount()]);
            GroupRates realLabels = GroupRates.of(a.groupsOf(trainL), groups, trainY, trainY);
            GroupRates syntheticLabels = GroupRates.of(a.groupsOf(syntheticL), groups, syntheticY, syntheticY);
            int[] testGroups = a.groupsOf(testL);
            GroupRates realModel = realPredicted == null ? null : GroupRates.of(testGroups, groups, testY, realPredicted);
            GroupRates syntheticModel = syntheticPredicted == null ? null : GroupRates.of(testGroups, groups, testY, syntheticPredicted);

            int missing = 0;
            int under = 0;
            double tvd = 0;
            for (int gi = 0; gi < groups; gi++) {
                final int g = gi;
                if (realShares.rows(g) == 0 && syntheticShares.rows(g) == 0) {
                    continue;
                }
                double rs = realShares.share(g);
                double ss = syntheticShares.share(g);
                String key = a.key() + "." + a.groupKeys().get(g);
                values.put("share." + key + ".real", rs);
                values.put("share." + key + ".synthetic", ss);
                tvd += Math.abs((Double.isNaN(rs) ? 0 : rs) - (Double.isNaN(ss) ? 0 : ss)) / 2;
                String status = "ok";
                if (realShares.rows(g) > 0 && syntheticShares.rows(g) == 0) {
                    missing++;
                    under++;
                    status = "missing";
                    report.note("group " + a.groups().get(g) + " of " + a.key() + " (" + realShares.rows(g) + " real rows) is absent from the synthetic data");
                } else if (realShares.rows(g) > 0 && ss < config.minShareRatio() * rs) {
                    under++;
                    status = "under-represented";
                }
                rows.add(List.of(a.key(), a.groups().get(g), status, realShares.rows(g), rs, syntheticShares.rows(g), ss,
                        realLabels.selectionRate(g), syntheticLabels.selectionRate(g),
                        realModel == null ? 0L : realModel.rows(g),
                        rate(realModel, m -> m.selectionRate(g)), rate(syntheticModel, m -> m.selectionRate(g)),
                        rate(realModel, m -> m.truePositiveRate(g)), rate(syntheticModel, m -> m.truePositiveRate(g)),
                        rate(realModel, m -> m.falsePositiveRate(g)), rate(syntheticModel, m -> m.falsePositiveRate(g)),
                        rate(realModel, m -> m.accuracy(g)), rate(syntheticModel, m -> m.accuracy(g))));
            }
            values.put("missing_groups." + a.key(), (double) missing);
            values.put("underrepresented_groups." + a.key(), (double) under);
            values.put("representation_tvd." + a.key(), tvd);

            double dpReal = realLabels.difference(realLabels::selectionRate);
            double dpSynthetic = syntheticLabels.difference(syntheticLabels::selectionRate);
            triple(values, "dp_difference." + a.key(), dpReal, dpSynthetic);
            triple(values, "dp_ratio." + a.key(), realLabels.ratio(realLabels::selectionRate), syntheticLabels.ratio(syntheticLabels::selectionRate));
            int privileged = privileged(a, schema);
            if (privileged >= 0) {
                double[] r = realLabels.statisticalParity(privileged);
                double[] s = syntheticLabels.statisticalParity(privileged);
                triple(values, "statistical_parity_difference." + a.key(), r[0], s[0]);
                triple(values, "disparate_impact." + a.key(), r[1], s[1]);
            }
            triple(values, "selection_rate_difference." + a.key(), rate(realModel, m -> m.difference(m::selectionRate)),
                    rate(syntheticModel, m -> m.difference(m::selectionRate)));
            double eoReal = rate(realModel, GroupRates::equalizedOddsDifference);
            double eoSynthetic = rate(syntheticModel, GroupRates::equalizedOddsDifference);
            triple(values, "equalized_odds_difference." + a.key(), eoReal, eoSynthetic);
            triple(values, "equal_opportunity_difference." + a.key(), rate(realModel, m -> m.difference(m::truePositiveRate)),
                    rate(syntheticModel, m -> m.difference(m::truePositiveRate)));
            triple(values, "accuracy_difference." + a.key(), rate(realModel, m -> m.difference(m::accuracy)),
                    rate(syntheticModel, m -> m.difference(m::accuracy)));
            worstDp = worse(worstDp, dpSynthetic - dpReal);
            worstEo = worse(worstEo, eoSynthetic - eoReal);
        }
        values.put("amplification.dp_difference", worstDp);
        values.put("amplification.equalized_odds_difference", worstEo);
        values.put("model.accuracy.real", realPredicted == null ? Double.NaN : Scores.accuracy(ints(testY), ints(realPredicted)));
        values.put("model.accuracy.synthetic", syntheticPredicted == null ? Double.NaN : Scores.accuracy(ints(testY), ints(syntheticPredicted)));

        report.write(context, "groups.csv", Report.csv(List.of("attribute", "group", "status", "real_rows", "real_share", "synthetic_rows",
                "synthetic_share", "real_positive_rate", "synthetic_positive_rate", "test_rows", "real_model_selection_rate",
                "synthetic_model_selection_rate", "real_model_tpr", "synthetic_model_tpr", "real_model_fpr", "synthetic_model_fpr",
                "real_model_accuracy", "synthetic_model_accuracy"), rows));
        report.writeNotes(context);
        return new MetricResult(values, "amplification.dp_difference");
    }

    /** A categorical target, sensitive columns, and settings that name their columns and levels. */
    @Override
    public void check(Data train, DataProblems problems) {
        Schema schema = train.asTable().schema();
        if (schema.target().isEmpty()) {
            problems.dataset("target", "the fairness metric needs a target column; set 'target' in the dataset block");
        } else {
            Column target = schema.column(schema.target().get());
            if (!target.isCategorical()) {
                problems.dataset("target", "the fairness metric needs a categorical target; '" + target.name() + "' is numeric");
            } else if (config.favorableLabel().isPresent() && target.codeOf(config.favorableLabel().get()) < 0) {
                problems.setting("favorable-label", "'" + config.favorableLabel().get() + "' is not a level of target '" + target.name()
                        + "'; levels: " + target.levels());
            }
        }
        if (schema.sensitive().isEmpty()) {
            problems.dataset("sensitive", "the fairness metric needs sensitive columns; set 'sensitive' in the dataset block, e.g. sensitive = [sex, race]");
        }
        for (Map.Entry<String, String> e : config.privilegedGroups().entrySet()) {
            if (!schema.has(e.getKey()) || !schema.sensitive().contains(e.getKey())) {
                problems.setting("privileged-groups", "'" + e.getKey() + "' is not a sensitive column; sensitive: " + schema.sensitive());
            } else if (schema.column(e.getKey()).isCategorical() && schema.column(e.getKey()).codeOf(e.getValue()) < 0) {
                problems.setting("privileged-groups", "'" + e.getValue() + "' is not a level of '" + e.getKey() + "'; levels: "
                        + schema.column(e.getKey()).levels());
            }
        }
    }

    /** The sensitive columns (categorical ones; numeric ones are skipped with a note) and, if asked, their pairs. */
    private List<Attribute> attributes(Schema schema, Report report) {
        List<Integer> columns = new ArrayList<>();
        for (String s : schema.sensitive()) {
            if (schema.column(s).isCategorical()) {
                columns.add(schema.requireIndex(s));
            } else {
                report.note("sensitive column '" + s + "' is numeric and is skipped; bin it into a categorical column to measure it");
            }
        }
        List<Attribute> out = new ArrayList<>();
        for (int c : columns) {
            out.add(attribute(schema, new int[] {c}));
        }
        if (config.intersections()) {
            for (int i = 0; i < columns.size(); i++) {
                for (int j = i + 1; j < columns.size(); j++) {
                    out.add(attribute(schema, new int[] {columns.get(i), columns.get(j)}));
                }
            }
        }
        return out;
    }

    private static Attribute attribute(Schema schema, int[] columns) {
        List<String> groups = List.of("");
        List<String> groupKeys = List.of("");
        int[] radix = new int[columns.length];
        StringBuilder key = new StringBuilder();
        for (int j = 0; j < columns.length; j++) {
            Column c = schema.column(columns[j]);
            radix[j] = c.levels().size();
            key.append(j == 0 ? "" : "/").append(Keys.segment(c.name()));
            List<String> next = new ArrayList<>();
            List<String> nextKeys = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                for (String level : c.levels()) {
                    next.add(j == 0 ? level : groups.get(g) + "/" + level);
                    nextKeys.add(j == 0 ? Keys.segment(level) : groupKeys.get(g) + "/" + Keys.segment(level));
                }
            }
            groups = next;
            groupKeys = nextKeys;
        }
        return new Attribute(key.toString(), columns, groups, groupKeys, radix);
    }

    /** The privileged group of {@code a} if every one of its columns has a privileged level, else -1. */
    private int privileged(Attribute a, Schema schema) {
        int g = 0;
        for (int j = 0; j < a.columns().length; j++) {
            Column c = schema.column(a.columns()[j]);
            String level = config.privilegedGroups().get(c.name());
            if (level == null) {
                return -1;
            }
            g = g * a.radix()[j] + c.codeOf(level);
        }
        return g;
    }

    private int favorable(Table train, Column target) {
        if (config.favorableLabel().isPresent()) {
            return target.codeOf(config.favorableLabel().get()); // a level: check() made sure
        }
        long[] counts = new long[target.levels().size()];
        for (int code : train.codes(target.name())) {
            if (code >= 0) {
                counts[code]++;
            }
        }
        int rarest = -1;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0 && (rarest < 0 || counts[c] < counts[rarest])) {
                rarest = c;
            }
        }
        return Math.max(rarest, 0);
    }

    private static boolean[] favorable(Table t, Column target, int favorable) {
        int[] codes = t.codes(target.name());
        boolean[] out = new boolean[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = codes[i] == favorable;
        }
        return out;
    }

    /** Predictions on the test rows of a classifier trained on {@code data}, or null (with a note) if it has one class. */
    private boolean[] predict(FeatureEncoder encoder, Table data, boolean[] y, EncodedRows testX, long seed, String source, Report report) {
        int[] labels = ints(y);
        if (data.rowCount() == 0 || Target.distinct(labels, 2) < 2) {
            report.note("the " + source + " data has a single target class, so no classifier can be trained on it: its model-level values are NaN");
            return null;
        }
        double[][] p = TribuoModels.classify(config.classifier(), seed, encoder.featureNames(), encoder.encode(data), labels, 2, testX);
        boolean[] out = new boolean[p.length];
        for (int r = 0; r < p.length; r++) {
            out[r] = TribuoModels.argmax(p[r]) == 1;
        }
        return out;
    }

    private static int[] ints(boolean[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] ? 1 : 0;
        }
        return out;
    }

    private static double rate(GroupRates rates, java.util.function.ToDoubleFunction<GroupRates> f) {
        return rates == null ? Double.NaN : f.applyAsDouble(rates);
    }

    private static void triple(Map<String, Double> values, String key, double real, double synthetic) {
        values.put(key + ".real", real);
        values.put(key + ".synthetic", synthetic);
        values.put(key + ".change", synthetic - real);
    }

    private static double worse(double current, double candidate) {
        return Double.isNaN(candidate) ? current : Double.isNaN(current) ? candidate : Math.max(current, candidate);
    }
}
