package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.PluginConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestCsvConfig {
    @Test
    void referenceConfDocumentsEveryKey() {
        ConfigBinding.assertDocumentedDefaults(CsvConfig.class, "csv", Set.of());
    }

    @Test
    void defaults() {
        assertEquals(new CsvConfig("people.csv", ",", true, List.of("", "?", "NA"), Map.of(), 1000),
                ConfigBinding.bind(CsvConfig.class, "csv", "path = people.csv"));
    }

    @Test
    void fullMapping() {
        CsvConfig config = ConfigBinding.bind(CsvConfig.class, "csv", """
                path = "data/people.tsv"
                delimiter = "\\t"
                header = false
                missing = ["-", "NaN"]
                columns { column1 = categorical, column2 = integer, column3 = numeric }
                max-categories = 50
                """);
        assertEquals(new CsvConfig("data/people.tsv", "\t", false, List.of("-", "NaN"),
                Map.of("column1", ColumnKind.CATEGORICAL, "column2", ColumnKind.INTEGER, "column3", ColumnKind.NUMERIC), 50), config);
    }

    @Test
    void pathIsRequired() {
        assertEquals(List.of("dataset.path: missing required key for dataset type 'csv'"), ConfigBinding.problems(CsvConfig.class, "csv", ""));
    }

    @Test
    void unknownColumnKindListsTheKinds() {
        assertEquals(List.of("dataset.columns.zip: 'text' is not valid (valid values: numeric, integer, categorical)"),
                ConfigBinding.problems(CsvConfig.class, "csv", "path = a.csv, columns { zip = text }"));
    }

    @Test
    void validationNamesTheKey() {
        assertKey("path", "must name a CSV file", () -> new CsvConfig(" ", ",", true, List.of(), Map.of(), 10));
        assertKey("delimiter", "must be one character other than a quote or line break, got \";;\"",
                () -> new CsvConfig("a.csv", ";;", true, List.of(), Map.of(), 10));
        assertKey("delimiter", "must be one character other than a quote or line break, got \"\"",
                () -> new CsvConfig("a.csv", "", true, List.of(), Map.of(), 10));
        assertKey("delimiter", "must be one character other than a quote or line break, got \"\"\"",
                () -> new CsvConfig("a.csv", "\"", true, List.of(), Map.of(), 10));
        assertKey("max-categories", "must be at least 1, got 0", () -> new CsvConfig("a.csv", ",", true, List.of(), Map.of(), 0));
        assertEquals(List.of("dataset.max-categories: must be at least 1, got 0"),
                ConfigBinding.problems(CsvConfig.class, "csv", "path = a.csv, max-categories = 0"));
    }

    private static void assertKey(String key, String message, Runnable build) {
        PluginConfigException e = assertThrows(PluginConfigException.class, build::run);
        assertEquals(key + ": " + message, e.key() + ": " + e.getMessage());
    }
}
