package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The csv plugin on a real 32,561-row file (the bundled Adult train file, unzipped): same reading as adult, and fast. */
class TestCsvDatasetOnAdult {
    @TempDir
    Path directory;

    @Test
    void readsAdultAsTheAdultPluginDoesAndQuickly() throws IOException {
        try (InputStream in = new GZIPInputStream(AdultDataset.class.getResourceAsStream("adult/adult-train.csv.gz"))) {
            Files.write(directory.resolve("adult.csv"), in.readAllBytes());
        }
        CsvDataset dataset = new CsvDataset(new CsvConfig("adult.csv", ",", true, List.of("?"), Map.of(), 1000));
        Table table = dataset.load(TestContexts.dataset(directory)).data().asTable();
        // CPU time of this thread, not wall time, so other processes on a busy machine do not fail the test
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = threads.getCurrentThreadCpuTime();
            assertEquals(table, dataset.load(TestContexts.dataset(directory)).data().asTable());
            best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
        }
        // typically ~0.1 s once warm; the bound catches a quadratic or per-field-regex regression
        assertTrue(best < 1_000_000_000L, "loading 32,561 rows took " + best / 1_000_000 + " ms of CPU");

        Table adult = new AdultDataset(new AdultConfig(AdultConfig.Part.TRAIN, List.of(), Optional.empty()))
                .load(TestContexts.dataset(directory)).data().asTable();
        assertEquals(adult.schema().columns(), table.schema().columns(), "inferred kinds and levels match Adult's");
        assertEquals(adult.withSchema(table.schema()), table);
        assertEquals(Column.integer("age"), table.schema().column("age"));
    }
}
