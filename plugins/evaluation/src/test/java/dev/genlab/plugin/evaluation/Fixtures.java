package dev.genlab.plugin.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genlab.plugin.datasets.CsvConfig;
import dev.genlab.plugin.datasets.CsvDataset;
import dev.genlab.spi.Column;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The known answers made by src/test/resources/fixtures/make_fixtures.py (see its docstring and the README there). */
final class Fixtures {
    private Fixtures() {
    }

    static Path directory() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/expected.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expected numbers of one section of expected.json ({@code null} in the file = NaN). */
    static Map<String, Double> expected(String section) {
        try {
            JsonNode node = new ObjectMapper().readTree(directory().resolve("expected.json").toFile()).get(section);
            Map<String, Double> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture CSV as one table (read by the csv dataset plugin, kinds inferred). */
    static Table table(String file) {
        CsvConfig config = new CsvConfig(file, ",", true, List.of(""), Map.of(), 1000);
        return new CsvDataset(config).load(TestContexts.dataset(directory())).data().asTable();
    }

    /**
     * The rows of {@code both} whose {@code part} column is {@code part}, without that column, under {@code schema}
     * (so all parts share one schema).
     */
    static Table part(Table both, String part, Schema schema) {
        int p = both.schema().requireIndex("part");
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < both.rowCount(); r++) {
            if (both.text(p, r).equals(part)) {
                rows.add(r);
            }
        }
        Table t = both.rows(rows.stream().mapToInt(Integer::intValue).toArray());
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < t.columnCount(); c++) {
            if (c != p) {
                arrays.add(t.schema().column(c).isNumeric() ? t.numericColumn(c) : t.codes(c));
            }
        }
        return Table.of(schema, arrays);
    }

    /** The schema of {@code both} without its {@code part} column. */
    static Schema withoutPart(Table both) {
        List<Column> columns = new ArrayList<>(both.schema().columns());
        columns.remove(both.schema().requireIndex("part"));
        return Schema.of(columns);
    }

    /** Every expected value matches the result's value of the same key to {@code tolerance} (NaN matches NaN). */
    static void assertMatches(Map<String, Double> expected, MetricResult result, double tolerance) {
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            assertTrue(result.values().containsKey(e.getKey()), "result has '" + e.getKey() + "': " + result.values().keySet());
            assertClose(e.getValue(), result.get(e.getKey()), tolerance, e.getKey());
        }
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, tolerance, what);
        }
    }
}
