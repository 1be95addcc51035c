package dev.genlab.plugin.fidelity;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnType;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Fidelity of the synthetic table to the real training table, after SDMetrics' {@code QualityReport}. Every score is
 * in [0, 1], 1 meaning "alike". The held-out test table is not used.
 *
 * <p><b>Column shapes</b> ({@code column-shapes}: mean over columns)
 * <ul>
 *   <li>Numeric column: {@code ks-complement.<column>} = 1 − D, D the two-sample Kolmogorov–Smirnov statistic
 *       sup|F_real − F_synthetic| of the present values ({@code scipy.stats.ks_2samp}); missing values are left out.
 *       Undefined (NaN) if either table has no value in the column.</li>
 *   <li>Categorical column: {@code tv-complement.<column>} = 1 − ½·Σ_k |p_k − q_k| over its levels plus "missing"
 *       as one more category, p and q the real and synthetic shares. A level only the synthetic table has counts
 *       fully against it.</li>
 * </ul>
 *
 * <p><b>Column pair trends</b> ({@code column-pair-trends}: mean over the pairs that are defined)
 * <ul>
 *   <li>Two numeric columns: {@code correlation-similarity.<a>.<b>} = 1 − |ρ_real − ρ_synthetic| / 2, ρ Pearson's
 *       (or Spearman's, setting {@code correlation}) over the rows where both values are present. Undefined (NaN,
 *       left out of the mean, and explained in {@code pairs.csv}) when either table has fewer than two such rows or
 *       a column constant on them.</li>
 *   <li>Any pair with a categorical column: {@code contingency-similarity.<a>.<b>} = 1 − ½·Σ |P_real(i, j) −
 *       P_synthetic(i, j)| over the cells of the joint table. A numeric column is cut into {@code bins} equal-width
 *       bins over the real column's range ({@link EqualWidthBins}: synthetic values outside go to the edge bins);
 *       "missing" is one more category of either column.</li>
 * </ul>
 *
 * <p><b>Overall</b> ({@code overall}, the headline) = mean of column shapes and column pair trends; when one of them is
 * undefined (e.g. a single column has no pairs) it is the other, so it is never NaN.
 *
 * <p>Keys use column names as they are, except that characters MLflow does not allow in a key become {@code _}.
 * Details go to the artifacts {@code fidelity/columns.csv} and {@code fidelity/pairs.csv}. Nothing is random; pairs
 * are scored in parallel into fixed slots and averaged in a fixed order, so results do not depend on scheduling.
 * Time: O(n log n) per column (sorting), O(n) per pair (O(n log n) for two columns with very many categories, or
 * Spearman on a pair with missing values, which is ranked within its complete rows).
 */
public final class FidelityMetric implements Metric {
    private final FidelityConfig config;

    @Inject
    public FidelityMetric(FidelityConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        Table real = input.train().asTable();
        Table synthetic = input.synthetic().asTable();
        requireComparable(real, synthetic);
        context.checkCancelled();

        Schema schema = real.schema();
        int d = schema.size();
        ColumnScore[] shapes = IntStream.range(0, d).parallel()
                .mapToObj(c -> columnShape(schema.column(c), real, synthetic, c))
                .toArray(ColumnScore[]::new);
        context.checkCancelled();

        Discrete[] discrete = IntStream.range(0, d).parallel()
                .mapToObj(c -> discrete(schema.column(c), real, synthetic, c))
                .toArray(Discrete[]::new);
        List<int[]> pairIndices = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                pairIndices.add(new int[] {a, b});
            }
        }
        Correlations realCorrelations = new Correlations(real, config.correlation());
        Correlations syntheticCorrelations = new Correlations(synthetic, config.correlation());
        context.checkCancelled();
        PairScore[] pairs = pairIndices.parallelStream()
                .map(p -> pairTrend(schema, realCorrelations, syntheticCorrelations, discrete, p[0], p[1]))
                .toArray(PairScore[]::new);

        double columnShapes = meanOfDefined(Arrays.stream(shapes).mapToDouble(ColumnScore::score).toArray());
        double pairTrends = meanOfDefined(Arrays.stream(pairs).mapToDouble(PairScore::score).toArray());
        double overall = meanOfDefined(new double[] {columnShapes, pairTrends});
        if (Double.isNaN(overall)) {
            throw new IllegalArgumentException("fidelity: nothing to compare: no column has values in both tables and no "
                    + "column pair has a defined score; columns: " + schema.names());
        }

        MetricKeys values = new MetricKeys();
        values.put("overall", overall);
        values.put("column-shapes", columnShapes);
        values.put("column-pair-trends", pairTrends);
        for (ColumnScore s : shapes) {
            values.put(s.metric() + "." + MetricKeys.part(s.column()), s.score());
        }
        for (PairScore p : pairs) {
            values.put(p.metric() + "." + MetricKeys.part(p.columnA()) + "." + MetricKeys.part(p.columnB()), p.score());
        }
        Details.write(context.artifacts(), shapes, pairs);
        return new MetricResult(values.asMap(), "overall");
    }

    private static void requireComparable(Table real, Table synthetic) {
        if (!real.schema().columns().equals(synthetic.schema().columns())) {
            throw new IllegalArgumentException("fidelity: the synthetic table's columns " + synthetic.schema().columns()
                    + " differ from the real table's " + real.schema().columns());
        }
        if (real.columnCount() == 0) {
            throw new IllegalArgumentException("fidelity: the tables have no columns");
        }
        if (real.rowCount() == 0 || synthetic.rowCount() == 0) {
            throw new IllegalArgumentException("fidelity: needs at least one real and one synthetic row; got "
                    + real.rowCount() + " real and " + synthetic.rowCount() + " synthetic rows");
        }
    }

    /** One column's shape score, with why it is undefined when it is. */
    record ColumnScore(String column, ColumnType kind, String metric, double score, String note) {
    }

    /** One pair's trend score; the correlations are NaN for contingency pairs. */
    record PairScore(String columnA, String columnB, String metric, double score, double realCorrelation,
                     double syntheticCorrelation, String note) {
    }

    private static ColumnScore columnShape(Column column, Table real, Table synthetic, int c) {
        if (column.isNumeric()) {
            double[] r = Statistics.sortedPresent(real.numericColumn(c));
            double[] s = Statistics.sortedPresent(synthetic.numericColumn(c));
            String note = r.length == 0 && s.length == 0 ? "no values in either table"
                    : r.length == 0 ? "no values in the real table"
                    : s.length == 0 ? "no values in the synthetic table" : "";
            note = note.isEmpty() ? "" : "undefined (" + note + "); left out of column-shapes";
            return new ColumnScore(column.name(), ColumnType.NUMERIC, "ks-complement", 1 - Statistics.ksStatistic(r, s), note);
        }
        int k = column.levels().size() + 1;
        double tv = Statistics.totalVariation(levelCounts(real.codes(c), k), levelCounts(synthetic.codes(c), k));
        return new ColumnScore(column.name(), ColumnType.CATEGORICAL, "tv-complement", 1 - tv, "");
    }

    /** Counts per level, missing last. */
    private static long[] levelCounts(int[] codes, int categories) {
        long[] counts = new long[categories];
        for (int code : codes) {
            counts[code == Table.MISSING_CODE ? categories - 1 : code]++;
        }
        return counts;
    }

    /** A column as category indices in both tables, for contingency tables. */
    private record Discrete(int[] real, int[] synthetic, int cardinality) {
    }

    private Discrete discrete(Column column, Table real, Table synthetic, int c) {
        if (column.isNumeric()) {
            EqualWidthBins bins = EqualWidthBins.over(real.numericColumn(c), config.bins());
            return new Discrete(bins.assign(real.numericColumn(c)), bins.assign(synthetic.numericColumn(c)), bins.cardinality());
        }
        int missing = column.levels().size();
        return new Discrete(missingLast(real.codes(c), missing), missingLast(synthetic.codes(c), missing), missing + 1);
    }

    private static int[] missingLast(int[] codes, int missing) {
        for (int r = 0; r < codes.length; r++) {
            if (codes[r] == Table.MISSING_CODE) {
                codes[r] = missing;
            }
        }
        return codes;
    }

    private static PairScore pairTrend(Schema schema, Correlations real, Correlations synthetic, Discrete[] discrete, int a, int b) {
        Column ca = schema.column(a);
        Column cb = schema.column(b);
        if (ca.isNumeric() && cb.isNumeric()) {
            double rhoReal = real.between(a, b);
            double rhoSynthetic = synthetic.between(a, b);
            String note = String.join("; ", List.of(
                    whyUndefined(rhoReal, ca, cb, real.column(a), real.column(b), "real"),
                    whyUndefined(rhoSynthetic, ca, cb, synthetic.column(a), synthetic.column(b), "synthetic"))
                    .stream().filter(s -> !s.isEmpty()).toList());
            double score = 1 - Math.abs(rhoReal - rhoSynthetic) / 2;
            return new PairScore(ca.name(), cb.name(), "correlation-similarity", score, rhoReal, rhoSynthetic,
                    note.isEmpty() ? "" : "correlation undefined (" + note + "); left out of column-pair-trends");
        }
        Discrete da = discrete[a];
        Discrete db = discrete[b];
        double tv = Statistics.jointTotalVariation(da.real(), db.real(), da.synthetic(), db.synthetic(), da.cardinality(), db.cardinality());
        return new PairScore(ca.name(), cb.name(), "contingency-similarity", 1 - tv, Double.NaN, Double.NaN, "");
    }

    /** Why a correlation is NaN, or "" if it is not. */
    private static String whyUndefined(double rho, Column ca, Column cb, double[] x, double[] y, String table) {
        if (!Double.isNaN(rho)) {
            return "";
        }
        int complete = 0;
        double firstX = Double.NaN;
        double firstY = Double.NaN;
        boolean constantX = true;
        boolean constantY = true;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                if (complete++ == 0) {
                    firstX = x[r];
                    firstY = y[r];
                }
                constantX &= x[r] == firstX;
                constantY &= y[r] == firstY;
            }
        }
        if (complete < 2) {
            return "fewer than 2 " + table + " rows have both values";
        }
        List<String> constant = new ArrayList<>();
        if (constantX) {
            constant.add("'" + ca.name() + "'");
        }
        if (constantY) {
            constant.add("'" + cb.name() + "'");
        }
        if (constant.isEmpty()) {
            return "not a number in the " + table + " table (infinite or extreme values)";
        }
        return String.join(" and ", constant) + " constant in the " + table + " table";
    }

    /** Mean of the values that are not NaN; NaN if there are none. */
    static double meanOfDefined(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Result keys in insertion order; a key that sanitising made collide gets a numbered suffix. */
    static final class MetricKeys {
        private final Map<String, Double> values = new LinkedHashMap<>();

        /** A column name as a key part: characters outside MLflow's key alphabet become '_'. */
        static String part(String name) {
            return name.replaceAll("[^A-Za-z0-9_.\\-/ ]", "_");
        }

        void put(String key, double value) {
            String unique = key;
            for (int i = 2; values.containsKey(unique); i++) {
                unique = key + "_" + i;
            }
            values.put(unique, value);
        }

        Map<String, Double> asMap() {
            return values;
        }
    }
}
