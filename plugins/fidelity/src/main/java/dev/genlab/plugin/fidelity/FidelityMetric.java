package dev.genlab.plugin.fidelity;

import dev.genlab.spi.Column;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fidelity of synthetic data to the real training data, after SDMetrics' QualityReport.
 *
 * <ul>
 *   <li><b>Column shapes.</b> Numeric column: KSComplement = 1 − D, with D the two-sample Kolmogorov–Smirnov
 *       statistic on the present values (scipy.stats.ks_2samp). Categorical column: TVComplement = 1 − ½·Σ|p − q| over
 *       its categories, with "missing" counted as one more category. Score: mean over columns.</li>
 *   <li><b>Column pair trends.</b> Two numeric columns: CorrelationSimilarity = 1 − |ρ_real − ρ_synthetic| / 2, with
 *       ρ Pearson (or Spearman) over rows where both are present; undefined (NaN, left out of the mean) when a
 *       column is constant. Any other pair: ContingencySimilarity = 1 − ½·Σ|p − q| over the joint table, a numeric
 *       column cut into {@code bins} equal-width bins over the real column's range (values outside go to the edge
 *       bins; missing is one more bin). Score: mean over pairs.</li>
 *   <li><b>Overall</b>: mean of the two scores (column shapes alone when there is no pair).</li>
 * </ul>
 */
public final class FidelityMetric implements Metric {
    private final FidelityConfig config;

    @Inject
    public FidelityMetric(FidelityConfig config) {
        this.config = config;
    }

    /** One pair's score, for the details table. */
    private record PairScore(String a, String b, String kind, double real, double synthetic, double score) {
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        Table real = input.train().asTable();
        Table synthetic = input.synthetic().asTable();
        Schema schema = real.schema();
        int d = schema.size();
        double[] shapes = new double[d];
        String[] shapeKind = new String[d];
        for (int c = 0; c < d; c++) {
            Column column = schema.column(c);
            if (column.isNumeric()) {
                shapeKind[c] = "ks-complement";
                shapes[c] = 1 - Statistics.ksStatistic(Statistics.sortedPresent(real.numericColumn(c)), Statistics.sortedPresent(synthetic.numericColumn(c)));
            } else {
                shapeKind[c] = "tv-complement";
                int k = column.levels().size() + 1;
                shapes[c] = 1 - Statistics.totalVariation(counts(real.codes(c), k), counts(synthetic.codes(c), k));
            }
        }
        int[][] bins = new int[d][];
        int[][] binsSynthetic = new int[d][];
        int[] cardinality = new int[d];
        for (int c = 0; c < d; c++) {
            if (schema.column(c).isNumeric()) {
                double[] r = real.numericColumn(c);
                double[] range = range(r);
                bins[c] = discretise(r, range);
                binsSynthetic[c] = discretise(synthetic.numericColumn(c), range);
                cardinality[c] = config.bins() + 1;
            } else {
                bins[c] = shift(real.codes(c));
                binsSynthetic[c] = shift(synthetic.codes(c));
                cardinality[c] = schema.column(c).levels().size() + 1;
            }
        }
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                pairs.add(new int[] {a, b});
            }
        }
        PairScore[] scores = new PairScore[pairs.size()];
        IntStream.range(0, pairs.size()).parallel().forEach(p -> {
            int a = pairs.get(p)[0];
            int b = pairs.get(p)[1];
            String na = schema.column(a).name();
            String nb = schema.column(b).name();
            if (schema.column(a).isNumeric() && schema.column(b).isNumeric()) {
                double rr = correlation(real.numericColumn(a), real.numericColumn(b));
                double rs = correlation(synthetic.numericColumn(a), synthetic.numericColumn(b));
                scores[p] = new PairScore(na, nb, "correlation-similarity", rr, rs, 1 - Math.abs(rr - rs) / 2);
            } else {
                long[] jr = joint(bins[a], bins[b], cardinality[b], cardinality[a] * cardinality[b]);
                long[] js = joint(binsSynthetic[a], binsSynthetic[b], cardinality[b], cardinality[a] * cardinality[b]);
                scores[p] = new PairScore(na, nb, "contingency-similarity", Double.NaN, Double.NaN, 1 - Statistics.totalVariation(jr, js));
            }
        });

        Map<String, Double> values = new LinkedHashMap<>();
        double columnShapes = mean(shapes);
        double[] pairValues = new double[scores.length];
        for (int p = 0; p < scores.length; p++) {
            pairValues[p] = scores[p].score();
        }
        double pairTrends = mean(pairValues);
        values.put("overall", Double.isNaN(pairTrends) ? columnShapes : (columnShapes + pairTrends) / 2);
        values.put("column-shapes", columnShapes);
        values.put("column-pair-trends", pairTrends);
        for (int c = 0; c < d; c++) {
            values.put(shapeKind[c] + "." + schema.column(c).name(), shapes[c]);
        }
        writeDetails(context, schema, shapes, shapeKind, scores);
        return new MetricResult(values, "overall");
    }

    private double correlation(double[] x, double[] y) {
        return config.correlation() == FidelityConfig.Correlation.PEARSON ? Statistics.pearson(x, y) : Statistics.spearman(x, y);
    }

    /** Counts of codes shifted by one, so missing (-1) is category 0. */
    private static long[] counts(int[] codes, int k) {
        long[] out = new long[k];
        for (int c : codes) {
            out[c + 1]++;
        }
        return out;
    }

    private static int[] shift(int[] codes) {
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = codes[i] + 1;
        }
        return out;
    }

    private static double[] range(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo, hi};
    }

    /** Bin 0 is missing; bins 1..B split [min, max] of the real column into equal widths (a constant column: bin 1). */
    private int[] discretise(double[] values, double[] range) {
        int b = config.bins();
        double width = (range[1] - range[0]) / b;
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                out[i] = 0;
            } else if (!(width > 0)) {
                out[i] = 1;
            } else {
                int k = (int) Math.floor((v - range[0]) / width);
                out[i] = 1 + Math.max(0, Math.min(b - 1, k));
            }
        }
        return out;
    }

    private static long[] joint(int[] a, int[] b, int cardinalityB, int size) {
        long[] out = new long[size];
        for (int i = 0; i < a.length; i++) {
            out[a[i] * cardinalityB + b[i]]++;
        }
        return out;
    }

    private static double mean(double[] values) {
        double s = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static void writeDetails(PluginContext context, Schema schema, double[] shapes, String[] kind, PairScore[] pairs) {
        StringBuilder columns = new StringBuilder("column,type,metric,score\n");
        for (int c = 0; c < shapes.length; c++) {
            columns.append(csv(schema.column(c).name())).append(',').append(schema.column(c).type().name().toLowerCase(Locale.ROOT)).append(',')
                    .append(kind[c]).append(',').append(shapes[c]).append('\n');
        }
        StringBuilder pairRows = new StringBuilder("column_a,column_b,metric,real,synthetic,score\n");
        for (PairScore p : pairs) {
            pairRows.append(csv(p.a())).append(',').append(csv(p.b())).append(',').append(p.kind()).append(',')
                    .append(Double.isNaN(p.real()) ? "" : p.real()).append(',').append(Double.isNaN(p.synthetic()) ? "" : p.synthetic()).append(',')
                    .append(Double.isNaN(p.score()) ? "" : p.score()).append('\n');
        }
        try {
            context.artifacts().write("fidelity/columns.csv", columns.toString().getBytes(StandardCharsets.UTF_8));
            context.artifacts().write("fidelity/pairs.csv", pairRows.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fidelity details", e);
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
