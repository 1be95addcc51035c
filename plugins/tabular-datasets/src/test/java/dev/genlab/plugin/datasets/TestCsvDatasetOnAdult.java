package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genlab.spi.Column;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The csv plugin on a real 32,561-row file (the bundled Adult train file, unzipped): same reading as adult. */
class TestCsvDatasetOnAdult {
    @TempDir
    Path directory;

    @Test
    void readsAdultAsTheAdultPluginDoes() throws IOException {
        try (InputStream in = new GZIPInputStream(AdultDataset.class.getResourceAsStream("adult/adult-train.csv.gz"))) {
            Files.write(directory.resolve("adult.csv"), in.readAllBytes());
        }
        CsvDataset dataset = new CsvDataset(new CsvConfig("adult.csv", ",", true, List.of("?"), Map.of(), 1000));
        Table table = dataset.load(TestContexts.dataset(directory)).data().asTable();
        // Timings belong in benchmarks, not here: this checks the reading is the same every time and matches adult.
        assertEquals(table, dataset.load(TestContexts.dataset(directory)).data().asTable());

        Table adult = new AdultDataset(new AdultConfig(AdultConfig.Part.TRAIN, List.of(), Optional.empty()))
                .load(TestContexts.dataset(directory)).data().asTable();
        assertEquals(adult.schema().columns(), table.schema().columns(), "inferred kinds and levels match Adult's");
        assertEquals(adult.withSchema(table.schema()), table);
        assertEquals(Column.integer("age"), table.schema().column("age"));
    }
}
