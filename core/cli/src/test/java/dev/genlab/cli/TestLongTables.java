package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.report.Comparison;
import dev.genlab.runtime.report.Measures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Long per-group tables in the console: the largest changes unless --all, for a run and for a sweep alike. */
class TestLongTables {
    private static String print(List<List<String>> rows, boolean all) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        RunCommand.printLongTable(out, "real vs synthetic", new TextTable("measure", "change"), rows, all);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void longTableShowsTheFirstRowsAndSaysHowManyMoreUnlessAll() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(List.of("fairness.group" + i, Integer.toString(40 - i)));
        }
        List<String> summary = print(rows, false).lines().toList();
        assertEquals("real vs synthetic; the 12 largest changes of 40:", summary.get(0));
        assertEquals(1 + 2 + RunCommand.LONG_TABLE + 1, summary.size(), String.join("\n", summary));
        assertTrue(summary.get(3).startsWith("fairness.group0 "), summary.get(3));
        assertTrue(summary.get(14).startsWith("fairness.group11 "), summary.get(14));
        assertEquals("  (28 more rows: --all prints every one; all are in the report)", summary.get(15));

        List<String> every = print(rows, true).lines().toList();
        assertEquals("real vs synthetic:", every.get(0));
        assertEquals(1 + 2 + 40, every.size());
        assertFalse(String.join("\n", every).contains("more rows"));
        // a short table is whole either way
        assertEquals(print(rows.subList(0, 5), true), print(rows.subList(0, 5), false));
    }

    private static Comparison.Trial trial(String id, String model, String seed, double... changes) {
        Map<String, Double> results = new LinkedHashMap<>();
        results.put("fidelity.overall", 0.8);
        for (int g = 0; g < changes.length; g++) {
            results.put("fairness.share.g" + g + ".real", 0.5);
            results.put("fairness.share.g" + g + ".synthetic", 0.5 + changes[g]);
            results.put("fairness.share.g" + g + ".change", changes[g]);
        }
        results.put("fairness.model.accuracy.real", 0.8); // no change: not a per-group change row
        results.put("fairness.model.accuracy.synthetic", 0.7);
        Map<String, String> params = new HashMap<>(Map.of("model.type", model, "seed", seed, "name", id));
        return new Comparison.Trial(id, params, results, Map.of("fidelity", "fidelity.overall"), Measures.none(), List.of(), Map.of());
    }

    @Test
    void sweepChangesPerSettingLargestMeanChangeFirst() {
        Comparison c = Comparison.ofTrials(List.of(
                trial("a1", "a", "1", 0.01, -0.30), trial("a2", "a", "2", 0.03, -0.10),
                trial("b1", "b", "1", 0.05, 0.0)));
        List<List<String>> rows = RunCommand.changesPerSetting(c);
        assertEquals(4, rows.size(), rows.toString());
        assertEquals(List.of("fairness.share.g1", "model.type=a", "-0.2000 ± 0.1414", "-0.3000", "-0.1000", "2"), rows.get(0));
        assertEquals(List.of("fairness.share.g1", "model.type=b", "0", "0", "0", "1"), rows.get(3));
        assertEquals(List.of("fairness.share.g0", "model.type=b"), rows.get(1).subList(0, 2));
        assertEquals(List.of("fairness.share.g0", "model.type=a"), rows.get(2).subList(0, 2));
    }
}
