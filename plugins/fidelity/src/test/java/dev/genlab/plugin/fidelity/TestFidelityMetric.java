package dev.genlab.plugin.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genlab.plugin.datasets.CsvConfig;
import dev.genlab.plugin.datasets.CsvDataset;
import dev.genlab.spi.Column;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers: fixtures made by src/test/resources/fixtures/make_fixtures.py with scipy and pandas (see its
 * docstring); every reported value must match to 1e-9.
 */
class TestFidelityMetric {
    @TempDir
    Path dir;

    private static Path fixtures() throws URISyntaxException {
        return Path.of(TestFidelityMetric.class.getResource("/fixtures/expected.json").toURI()).getParent();
    }

    /** Real and synthetic rows of a fixture: one CSV, told apart by its `part` column, so they share one schema. */
    private static Table[] load(String name) throws Exception {
        CsvConfig config = new CsvConfig(name + ".csv", ",", true, List.of(""), Map.of(), 1000);
        Table both = new CsvDataset(config).load(TestContexts.dataset(fixtures())).data().asTable();
        int part = both.schema().requireIndex("part");
        List<Integer> real = new ArrayList<>();
        List<Integer> synthetic = new ArrayList<>();
        for (int r = 0; r < both.rowCount(); r++) {
            (both.text(part, r).equals("real") ? real : synthetic).add(r);
        }
        List<Column> columns = new ArrayList<>(both.schema().columns());
        columns.remove(part);
        return new Table[] {withoutColumn(both.rows(toArray(real)), part, columns), withoutColumn(both.rows(toArray(synthetic)), part, columns)};
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Table withoutColumn(Table t, int drop, List<Column> columns) {
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < t.columnCount(); c++) {
            if (c != drop) {
                arrays.add(t.schema().column(c).isNumeric() ? t.numericColumn(c) : t.codes(c));
            }
        }
        return Table.of(Schema.of(columns), arrays);
    }

    private MetricResult evaluate(Table real, Table synthetic, FidelityConfig.Correlation correlation) throws IOException {
        return new FidelityMetric(new FidelityConfig(correlation, 10))
                .evaluate(new EvaluationInput(real, real, synthetic), TestContexts.training(1, Files.createDirectories(dir.resolve("ctx"))));
    }

    @ParameterizedTest
    @CsvSource({"mixed,pearson", "mixed,spearman", "constant,pearson", "constant,spearman"})
    void matchesScipyAndPandas(String fixture, String method) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(fixtures().resolve("expected.json").toFile()).get(fixture).get(method);
        Table[] t = load(fixture);
        MetricResult result = evaluate(t[0], t[1], FidelityConfig.Correlation.valueOf(method.toUpperCase()));
        JsonNode values = expected.get("values");
        assertEquals(values.size(), result.values().size(), "same keys: " + result.values().keySet());
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asDouble(), result.get(e.getKey()), 1e-9, fixture + "/" + method + " " + e.getKey());
        }
        List<String> pairLines = Files.readAllLines(dir.resolve("ctx/artifacts/fidelity/pairs.csv"));
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("pairs").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] ab = e.getKey().split("/");
            String line = pairLines.stream().filter(l -> l.startsWith(ab[0] + "," + ab[1] + ",")).findFirst().orElseThrow();
            String score = line.substring(line.lastIndexOf(',') + 1);
            if (e.getValue().isNull()) {
                assertEquals("", score, e.getKey() + " is undefined (a constant column)");
            } else {
                assertEquals(e.getValue().asDouble(), Double.parseDouble(score), 1e-9, e.getKey());
            }
        }
    }

    @Test
    void identicalTablesScoreOne() throws Exception {
        Table real = load("mixed")[0];
        MetricResult result = evaluate(real, real, FidelityConfig.Correlation.PEARSON);
        for (Map.Entry<String, Double> e : result.values().entrySet()) {
            assertEquals(1.0, e.getValue(), 1e-12, e.getKey());
        }
    }

    @Test
    void aCategoryAbsentFromRealDataLowersTheScore() throws Exception {
        Schema schema = Schema.of(Column.categorical("c", List.of("a", "b", "z")));
        Table real = Table.of(schema, List.<Object>of(new int[] {0, 0, 1, 1}));
        Table synthetic = Table.of(schema, List.<Object>of(new int[] {0, 1, 2, 2}));
        MetricResult result = evaluate(real, synthetic, FidelityConfig.Correlation.PEARSON);
        assertEquals(0.5, result.get("tv-complement.c"), 1e-12);
        assertEquals(0.5, result.get("overall"), 1e-12, "no pairs: overall is the column-shapes score");
        assertTrue(Double.isNaN(result.get("column-pair-trends")));
    }
}
