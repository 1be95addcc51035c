package dev.genlab.plugin.fidelity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.plugin.fidelity.FidelityConfig.Correlation;
import dev.genlab.spi.Column;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour beyond the fixtures: small hand-computed cases, edge cases, determinism and the detail files. */
class TestFidelityMetric {
    @TempDir
    Path directory;

    private int runs;

    private Evaluations.Outcome evaluate(Table real, Table synthetic) {
        return evaluate(FidelityConfig.defaults(), real, synthetic);
    }

    private Evaluations.Outcome evaluate(FidelityConfig config, Table real, Table synthetic) {
        return Evaluations.evaluate(config, real, synthetic, directory.resolve("run" + runs++));
    }

    private static Table numeric(String name, double... values) {
        return Table.of(Schema.of(Column.numeric(name)), List.of(values));
    }

    @Test
    void identicalTablesScoreOneEverywhere() {
        Table real = SyntheticTables.adultLike(2000, new SplittableRandom(3));
        for (Correlation correlation : Correlation.values()) {
            MetricResult result = evaluate(new FidelityConfig(correlation, 10), real, real).result();
            assertEquals(3 + 15 + 105, result.values().size(), "3 summaries, 15 columns, 105 pairs");
            for (Map.Entry<String, Double> e : result.values().entrySet()) {
                assertEquals(1.0, e.getValue(), 1e-12, correlation + " " + e.getKey());
            }
        }
    }

    @Test
    void handComputedKolmogorovSmirnov() {
        // F_real - F_synthetic is largest just after 2: 2/4 - 0/4. Missing values are left out.
        MetricResult result = evaluate(numeric("x", 1, 2, 3, 4, Double.NaN), numeric("x", 3, 4, 5, 6)).result();
        assertEquals(0.5, result.get("ks-complement.x"), 1e-15);
        // Ties across the samples: real {1, 1, 2}, synthetic {1, 2, 2}: after 1, 2/3 vs 1/3.
        assertEquals(1 - 1.0 / 3, evaluate(numeric("x", 1, 1, 2), numeric("x", 1, 2, 2)).result().get("ks-complement.x"), 1e-15);
    }

    @Test
    void aCategoryAbsentFromTheRealTableCountsAgainstTheSyntheticOne() {
        Schema schema = Schema.of(Column.categorical("c", List.of("a", "b", "z")));
        Table real = Table.of(schema, List.of(new int[] {0, 0, 1, 1}));
        Table synthetic = Table.of(schema, List.of(new int[] {0, 1, 2, 2}));
        MetricResult result = evaluate(real, synthetic).result();
        // ½ (|½ − ¼| + |½ − ¼| + |0 − ½|) = ½
        assertEquals(0.5, result.get("tv-complement.c"), 1e-15);
        assertTrue(Double.isNaN(result.get("column-pair-trends")), "one column has no pairs");
        assertEquals(0.5, result.get("overall"), 1e-15, "so overall is the column-shapes score");
    }

    @Test
    void missingCategoricalValuesAreACategory() {
        Schema schema = Schema.of(Column.categorical("c", List.of("a")));
        Table real = Table.of(schema, List.of(new int[] {0, Table.MISSING_CODE}));
        Table synthetic = Table.of(schema, List.of(new int[] {0, 0}));
        assertEquals(0.5, evaluate(real, synthetic).result().get("tv-complement.c"), 1e-15);
    }

    @Test
    void aConstantColumnLeavesItsCorrelationsOutAndSaysSo() {
        Schema schema = Schema.of(Column.numeric("c"), Column.numeric("x"), Column.numeric("y"), Column.categorical("g", List.of("p", "q")));
        Table real = Table.of(schema, List.of(new double[] {5, 5, 5, 5, 5}, new double[] {1, 2, 3, 4, 5},
                new double[] {2, 4, 5, 4, 5}, new int[] {0, 1, 0, 1, 0}));
        Table synthetic = Table.of(schema, List.of(new double[] {5, 5, 6, 5, 5}, new double[] {1, 3, 2, 5, 4},
                new double[] {1, 2, 3, 4, 5}, new int[] {0, 0, 0, 1, 1}));
        Evaluations.Outcome outcome = evaluate(real, synthetic);
        MetricResult result = outcome.result();
        assertTrue(Double.isNaN(result.get("correlation-similarity.c.x")));
        assertTrue(Double.isNaN(result.get("correlation-similarity.c.y")));
        double xy = result.get("correlation-similarity.x.y");
        assertTrue(xy > 0 && xy < 1, "x/y is defined: " + xy);
        List<Double> defined = new ArrayList<>();
        for (Map.Entry<String, Double> e : result.values().entrySet()) {
            if (e.getKey().contains("-similarity.") && !e.getValue().isNaN()) {
                defined.add(e.getValue());
            }
        }
        assertEquals(4, defined.size(), "x/y and the three pairs with g");
        assertEquals(defined.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), result.get("column-pair-trends"), 1e-15);
        assertTrue(Double.isFinite(result.get("overall")));
        String cx = outcome.pairsCsv().stream().filter(l -> l.startsWith("c,x,")).findFirst().orElseThrow();
        assertTrue(cx.startsWith("c,x,correlation-similarity,,,"), "no score, no real correlation: " + cx);
        assertTrue(cx.endsWith(",correlation undefined ('c' constant in the real table); left out of column-pair-trends"), cx);
    }

    @Test
    void aColumnConstantOnlyInTheSyntheticTableIsNamed() {
        Schema schema = Schema.of(Column.numeric("x"), Column.numeric("y"));
        Table real = Table.of(schema, List.of(new double[] {1, 2, 3}, new double[] {1, 3, 2}));
        Table synthetic = Table.of(schema, List.of(new double[] {1, 2, Double.NaN}, new double[] {7, 7, 8}));
        Evaluations.Outcome outcome = evaluate(real, synthetic);
        assertTrue(Double.isNaN(outcome.result().get("correlation-similarity.x.y")));
        assertEquals(outcome.result().get("column-shapes"), outcome.result().get("overall"), 1e-15, "the only pair is undefined");
        assertTrue(outcome.pairsCsv().get(1).endsWith("correlation undefined ('y' constant in the synthetic table); left out of column-pair-trends"),
                outcome.pairsCsv().toString());
    }

    @Test
    void aNumericColumnWithoutSyntheticValuesIsUndefinedAndSaysSo() {
        Schema schema = Schema.of(Column.numeric("x"), Column.categorical("g", List.of("p", "q")));
        Table real = Table.of(schema, List.of(new double[] {1, 2, 3}, new int[] {0, 1, 0}));
        Table synthetic = Table.of(schema, List.of(new double[] {Double.NaN, Double.NaN}, new int[] {0, 1}));
        Evaluations.Outcome outcome = evaluate(real, synthetic);
        assertTrue(Double.isNaN(outcome.result().get("ks-complement.x")));
        assertEquals(1 - (2 / 3.0 - 1 / 2.0), outcome.result().get("column-shapes"), 1e-15, "the mean of g's score alone");
        assertEquals("x,numeric,ks-complement,,undefined (no values in the synthetic table); left out of column-shapes",
                outcome.columnsCsv().get(1));
        // x is all missing in the synthetic table: every synthetic row is in x's "missing" category.
        assertEquals(0.0, outcome.result().get("contingency-similarity.x.g"), 1e-15);
    }

    @Test
    void syntheticValuesOutsideTheRealRangeGoToTheEdgeBins() {
        Schema schema = Schema.of(Column.numeric("x"), Column.categorical("g", List.of("p", "q")));
        Table real = Table.of(schema, List.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}));
        Table outside = Table.of(schema, List.of(new double[] {-50, 20, 10, 0.5}, new int[] {0, 1, 0, 1}));
        Table clipped = Table.of(schema, List.of(new double[] {0, 10, 10, 0.5}, new int[] {0, 1, 0, 1}));
        double a = evaluate(real, outside).result().get("contingency-similarity.x.g");
        double b = evaluate(real, clipped).result().get("contingency-similarity.x.g");
        assertEquals(b, a, 0.0);
        // Real cells: 11 rows; x = 9 and x = 10 share the top bin [9, 10]. Synthetic: (0,p) (10,q) (10,p) (0,q) with
        // 0.5 in bin 0 like 0: cells bin0/p = 1/4, bin0/q = 1/4, top/p = 1/4, top/q = 1/4.
        // Real: bin0/p = 1/11, top/q = 1/11 (x = 9), top/p = 1/11 (x = 10), bin0/q none; 8 other cells 1/11 each.
        double tv = 0.5 * (Math.abs(1 / 11.0 - 0.25) + Math.abs(0 - 0.25) + 2 * Math.abs(1 / 11.0 - 0.25) + 8 / 11.0);
        assertEquals(1 - tv, a, 1e-12);
    }

    @Test
    void isDeterministicAndIndependentOfRowOrder() {
        FixtureTables.Pair tables = FixtureTables.load("mixed");
        for (Correlation correlation : Correlation.values()) {
            FidelityConfig config = new FidelityConfig(correlation, 10);
            Evaluations.Outcome first = evaluate(config, tables.real(), tables.synthetic());
            Evaluations.Outcome second = evaluate(config, tables.real(), tables.synthetic());
            assertEquals(first.result(), second.result());
            assertArrayEquals(first.bytes(Details.COLUMNS), second.bytes(Details.COLUMNS));
            assertArrayEquals(first.bytes(Details.PAIRS), second.bytes(Details.PAIRS));

            MetricResult shuffled = evaluate(config, shuffle(tables.real(), 1), shuffle(tables.synthetic(), 2)).result();
            assertEquals(first.result().values().keySet(), shuffled.values().keySet());
            for (String key : first.result().values().keySet()) {
                assertEquals(first.result().get(key), shuffled.get(key), 1e-12, key);
            }
        }
    }

    private static Table shuffle(Table table, long seed) {
        int[] order = new int[table.rowCount()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < order.length; i++) {
            int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        return table.rows(order);
    }

    @Test
    void detailFilesHoldEveryScore() {
        FixtureTables.Pair tables = FixtureTables.load("constant");
        Evaluations.Outcome outcome = evaluate(tables.real(), tables.synthetic());
        List<String> columns = outcome.columnsCsv();
        assertEquals("column,type,metric,score,note", columns.get(0));
        assertEquals(1 + 6, columns.size());
        for (String line : columns.subList(1, columns.size())) {
            String[] f = line.split(",", -1);
            assertEquals(outcome.result().get(f[2] + "." + f[0]), Double.parseDouble(f[3]), 0.0, line);
        }
        List<String> pairs = outcome.pairsCsv();
        assertEquals("column_a,column_b,metric,score,real_correlation,synthetic_correlation,note", pairs.get(0));
        assertEquals(1 + 15, pairs.size());
        for (String line : pairs.subList(1, pairs.size())) {
            String[] f = line.split(",", -1);
            double value = outcome.result().get(f[2] + "." + f[0] + "." + f[1]);
            if (f[3].isEmpty()) {
                assertTrue(Double.isNaN(value) && f[6].startsWith("correlation undefined"), line);
            } else {
                assertEquals(value, Double.parseDouble(f[3]), 0.0, line);
                assertEquals("", f[6], line);
            }
        }
    }

    @Test
    void keysKeepColumnNamesThatMlflowAllowsAndReplaceTheRest() {
        Schema schema = Schema.of(Column.numeric("hours-per-week"), Column.numeric("income (k$)"), Column.numeric("income [k$]"));
        Table t = Table.of(schema, List.of(new double[] {1, 2, 3}, new double[] {3, 1, 2}, new double[] {2, 2, 1}));
        MetricResult result = evaluate(t, t).result();
        assertTrue(result.values().containsKey("ks-complement.hours-per-week"));
        assertTrue(result.values().containsKey("ks-complement.income _k__"));
        assertTrue(result.values().containsKey("ks-complement.income _k___2"), "a collision gets a suffix: " + result.values().keySet());
        assertTrue(result.values().containsKey("correlation-similarity.hours-per-week.income _k__"));
    }

    @Test
    void refusesTablesThatCannotBeCompared() {
        Table x = numeric("x", 1, 2);
        IllegalArgumentException differentColumns = assertThrows(IllegalArgumentException.class, () -> evaluate(x, numeric("y", 1, 2)));
        assertTrue(differentColumns.getMessage().contains("differ from the real table's"), differentColumns.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> evaluate(x, numeric("x")));
        assertEquals("fidelity: needs at least one real and one synthetic row; got 2 real and 0 synthetic rows", empty.getMessage());
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> evaluate(numeric("x", Double.NaN), numeric("x", 1)));
        assertTrue(nothing.getMessage().startsWith("fidelity: nothing to compare"), nothing.getMessage());
    }
}
