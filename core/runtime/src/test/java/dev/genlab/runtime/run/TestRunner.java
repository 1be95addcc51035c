package dev.genlab.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.config.ConfigErrors;
import dev.genlab.runtime.config.ConfigProblem;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRunner {
    private static final Genlab GENLAB = new Genlab(PluginRegistry.discover(List.of()));

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private RunOutcome run(Path file, String... overrides) throws IOException {
        PreparedRun prepared = GENLAB.prepare(file, List.of(overrides), RunListener.SILENT);
        return GENLAB.run(prepared, dir.resolve("runs"), List.of(), RunListener.SILENT, new AtomicBoolean());
    }

    @Test
    void writesACompleteRun() throws IOException {
        Path f = write("exp.conf", """
                name = toy-run
                seed = 3
                dataset { type = toy, rows = 300 }
                model { type = bootstrap, epochs = 4, api-token = "" }
                metrics = [mean-gap]
                """.replace(", api-token = \"\"", ""));
        RunOutcome outcome = run(f);
        assertEquals(RunStatus.FINISHED, outcome.status(), outcome.error());
        StoredRun stored = new LocalRunStore(dir.resolve("runs")).find(outcome.runId()).orElseThrow();
        assertEquals(RunStatus.FINISHED, stored.status());
        assertEquals("toy-run", stored.experiment());
        for (String file : List.of("run.json", "config.conf", "params.json", "tags.json", "provenance.json", "metrics.jsonl", "results.json",
                "artifacts/synthetic.csv", "artifacts/model/model.txt")) {
            assertTrue(Files.exists(stored.directory().resolve(file)), file);
        }
        Map<String, String> params = stored.params();
        assertEquals("4", params.get("model.epochs"));
        assertEquals("0.1", params.get("model.noise"), "plugin defaults are part of the params");
        assertEquals("0.3", params.get("split.test"));
        assertEquals("3", params.get("seed"));
        Map<String, String> tags = stored.tags();
        assertEquals(64, tags.get("genlab.dataset.sha256").length());
        assertEquals("bootstrap", tags.get("genlab.model"));
        List<StoredRun.MetricPoint> losses = stored.metrics().stream().filter(p -> p.key().equals("loss")).toList();
        assertEquals(List.of(0L, 1L, 2L, 3L), losses.stream().map(StoredRun.MetricPoint::step).toList());
        assertEquals(outcome.results(), stored.results());
        assertTrue(stored.results().containsKey("mean-gap.gap"));
        // 300 rows, stratified 30% test: 210 train rows are sampled by default
        List<String> csv = Files.readAllLines(stored.directory().resolve("artifacts/synthetic.csv"));
        assertEquals("x,sex,label", csv.get(0));
        assertEquals(211, csv.size());
    }

    @Test
    void sameFileAndSeedGiveTheSameNumbers() throws IOException {
        Path f = write("det.conf", "dataset { type = toy }\nmodel { type = bootstrap }\nmetrics = [mean-gap]\n");
        RunOutcome a = run(f);
        RunOutcome b = run(f);
        assertNotEquals(a.runId(), b.runId());
        assertEquals(a.results(), b.results());
        assertEquals(Files.readString(a.directory().resolve("artifacts/synthetic.csv")), Files.readString(b.directory().resolve("artifacts/synthetic.csv")));
        RunOutcome c = run(f, "seed=99");
        assertNotEquals(a.results(), c.results());
    }

    @Test
    void aFailingModelEndsFailedWithItsError() throws IOException {
        Path f = write("fail.conf", "dataset { type = toy }\nmodel { type = bootstrap, fail = true }\nmetrics = [mean-gap]\n");
        RunOutcome outcome = run(f);
        assertEquals(RunStatus.FAILED, outcome.status());
        // the error names the plugin, its kind, where it came from and the step
        String origin = Path.of("target/test-classes").toAbsolutePath().toString();
        assertEquals("model plugin 'bootstrap' from " + origin + " failed in fit: bootstrap was told to fail", outcome.error());
        StoredRun stored = new LocalRunStore(dir.resolve("runs")).find(outcome.runId()).orElseThrow();
        assertEquals(RunStatus.FAILED, stored.status());
        assertEquals(outcome.error(), stored.error());
        assertTrue(Files.readString(stored.artifacts().resolve("error.txt")).contains("IllegalStateException"));
    }

    @Test
    void cancellationEndsKilled() throws IOException {
        Path f = write("kill.conf", "dataset { type = toy }\nmodel { type = bootstrap }\n");
        PreparedRun prepared = GENLAB.prepare(f, List.of(), RunListener.SILENT);
        RunOutcome outcome = GENLAB.run(prepared, dir.resolve("runs"), List.of(), RunListener.SILENT, new AtomicBoolean(true));
        assertEquals(RunStatus.KILLED, outcome.status());
        assertEquals(RunStatus.KILLED, new LocalRunStore(dir.resolve("runs")).find(outcome.runId()).orElseThrow().status());
    }

    @Test
    void aRunWhoseProcessDiedIsSeenAsUnfinished() throws IOException {
        Path runDir = Files.createDirectories(dir.resolve("runs/20260101-000000-x-abcdef"));
        Files.writeString(runDir.resolve("run.json"), "{\"id\":\"20260101-000000-x-abcdef\",\"name\":\"x\",\"experiment\":\"x\","
                + "\"status\":\"RUNNING\",\"start\":1,\"pid\":999999999}");
        Files.writeString(runDir.resolve("metrics.jsonl"), "{\"key\":\"loss\",\"value\":1.0,\"step\":0,\"timestamp\":1}\n{\"key\":\"lo");
        StoredRun stored = new LocalRunStore(dir.resolve("runs")).find("20260101").orElseThrow();
        assertEquals(RunStatus.RUNNING, stored.status());
        assertEquals(RunStatus.KILLED, stored.effectiveStatus());
        assertEquals(1, stored.metrics().size(), "a torn last line is ignored");
    }

    @Test
    void dataProblemsAreLocatedAndNothingIsWritten() throws IOException {
        Path f = write("roles.conf", """
                dataset {
                  type = toy
                  target = lable
                  sensitive = [sex, age]
                }
                model { type = bootstrap }
                sample { conditions { sex = X } }
                """);
        ConfigErrors e = assertThrows(ConfigErrors.class, () -> GENLAB.prepare(f, List.of(), RunListener.SILENT));
        List<String> errors = e.problems().stream().map(ConfigProblem::toString).map(s -> s.replace(dir + "/", "")).toList();
        assertEquals(List.of(
                "roles.conf:3: dataset.target: dataset 'toy' has no column 'lable'; did you mean 'label'? (columns: x, sex, label)",
                "roles.conf:4: dataset.sensitive: dataset 'toy' has no column 'age' (columns: x, sex, label)"), errors);
        Path g = write("cond.conf", "dataset { type = toy }\nmodel { type = bootstrap }\nsample { conditions { sex = X, x = 1 } }\n");
        ConfigErrors c = assertThrows(ConfigErrors.class, () -> GENLAB.prepare(g, List.of(), RunListener.SILENT));
        assertEquals(List.of("cond.conf:3: sample.conditions.sex: 'X' is not a value of column 'sex' (values: F, M)",
                "cond.conf:3: sample.conditions.x: conditions apply to categorical columns; 'x' is numeric"),
                c.problems().stream().map(ConfigProblem::toString).map(s -> s.replace(dir + "/", "")).sorted().toList());
        assertFalse(Files.exists(dir.resolve("runs")), "nothing is written for a user error");
    }

    @Test
    void aSplitThatLeavesAnEmptySetIsAnError() throws IOException {
        Path f = write("tiny.conf", "dataset { type = toy, rows = 1 }\nmodel { type = bootstrap }\nsplit { test = 0.3, stratify = false }\n");
        ConfigErrors e = assertThrows(ConfigErrors.class, () -> GENLAB.prepare(f, List.of(), RunListener.SILENT));
        assertEquals(List.of("tiny.conf:3: split.test: splitting 1 rows with test = 0.3 leaves an empty test set; use more data or another test share"),
                e.problems().stream().map(ConfigProblem::toString).map(s -> s.replace(dir + "/", "")).toList());
    }

    @Test
    void recordsTheDeclarationsTheScoreCardWithTheExperimentsThresholdsAndDegenerateData() throws IOException {
        Path f = write("card.conf", """
                dataset { type = toy, rows = 12 }
                split { test = 0.5 }
                model { type = bootstrap, epochs = 1 }
                metrics = [mean-gap]
                report.thresholds { mean-gap.gap = { pass = 0.001, fail = 0.002 } }
                """);
        RunOutcome outcome = run(f);
        assertEquals(RunStatus.FINISHED, outcome.status(), outcome.error());
        StoredRun stored = new LocalRunStore(dir.resolve("runs")).find(outcome.runId()).orElseThrow();
        dev.genlab.runtime.report.Measures measures = dev.genlab.runtime.report.Measures.read(stored);
        assertEquals(dev.genlab.spi.Measure.Goal.MINIMISE, measures.of("mean-gap.gap").orElseThrow().goal());
        assertEquals(new dev.genlab.spi.Measure.Threshold(0.001, 0.002), measures.of("mean-gap.gap").orElseThrow().threshold().orElseThrow(),
                "report.thresholds replaces the metric's default bounds");
        assertEquals(dev.genlab.spi.Measure.Goal.NONE, measures.of("mean-gap.share.synthetic.F").orElseThrow().goal());
        assertEquals(1, outcome.card().rows().size());
        assertEquals("mean-gap.gap", outcome.card().rows().get(0).headline());
        assertTrue(stored.field("card") instanceof List<?> card && !card.isEmpty(), "the card is in run.json");
        // 12 rows split in half: 6 training rows, below the metric's declared 10
        assertEquals(List.of("metric 'mean-gap' needs at least 10 training rows (the split gives 6) and 10 synthetic rows (sample.rows gives 6);"
                + " its numbers will not mean much"), outcome.degenerate());
        assertEquals(outcome.degenerate(), dev.genlab.runtime.report.Comparison.degenerate(stored));
        assertTrue(stored.tags().get(Runner.SCORECARD_TAG).contains("mean-gap.gap"), "the card is a tag, for the MLflow description");
    }
}
