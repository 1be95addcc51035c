package dev.genlab.plugin.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genlab.plugin.fidelity.FidelityConfig.Correlation;
import dev.genlab.spi.MetricResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers: the fixtures and expected.json were made once by {@code src/test/resources/fixtures/make_fixtures.py}
 * with scipy ({@code ks_2samp}, {@code spearmanr}), numpy ({@code corrcoef}, {@code histogram_bin_edges},
 * {@code digitize}) and pandas ({@code value_counts}, {@code crosstab}). The KS, TV and contingency values are
 * rationals computed two ways, so the tolerance is tight.
 */
class TestFidelityKnownAnswers {
    private static final double TOLERANCE = 1e-9;

    @TempDir
    Path directory;

    private static JsonNode expected(String fixture, String correlation) throws IOException {
        try (InputStream in = TestFidelityKnownAnswers.class.getResourceAsStream("/fixtures/expected.json")) {
            return new ObjectMapper().readTree(in).get(fixture).get(correlation);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "mixed, pearson", "mixed, spearman",
        "constant, pearson", "constant, spearman",
        "identical, pearson", "identical, spearman",
        "disjoint, pearson", "disjoint, spearman",
    })
    void matchesScipyNumpyAndPandas(String fixture, String correlation) throws IOException {
        JsonNode expected = expected(fixture, correlation);
        FixtureTables.Pair tables = FixtureTables.load(fixture);
        FidelityConfig config = new FidelityConfig(Correlation.valueOf(correlation.toUpperCase(Locale.ROOT)), 10);
        MetricResult result = Evaluations.evaluate(config, tables.real(), tables.synthetic(), directory).result();

        TreeSet<String> expectedKeys = new TreeSet<>();
        expected.fieldNames().forEachRemaining(expectedKeys::add);
        assertEquals(expectedKeys, new TreeSet<>(result.values().keySet()), "the metric reports exactly these keys");
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            double actual = result.get(e.getKey());
            if (e.getValue().isNull()) {
                assertTrue(Double.isNaN(actual), e.getKey() + " is undefined, got " + actual);
            } else {
                assertEquals(e.getValue().doubleValue(), actual, TOLERANCE, e.getKey());
            }
        }
        assertTrue(Double.isFinite(result.get("overall")), "overall is never NaN");
        assertEquals("overall", result.headline());
    }
}
