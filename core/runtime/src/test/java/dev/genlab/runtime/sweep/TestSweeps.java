package dev.genlab.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.config.ConfigErrors;
import dev.genlab.runtime.config.ConfigProblem;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.testplugins.TestPlugins;
import dev.genlab.runtime.tracking.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSweeps {
    private static final Genlab GENLAB = new Genlab(PluginRegistry.discover(List.of()));

    @TempDir
    Path dir;

    private SweepPlan plan(String text) throws IOException {
        Path f = dir.resolve("sweep.conf");
        Files.writeString(f, text);
        Config parsed = GENLAB.loader().parse(f, List.of());
        return new SweepPlanner(GENLAB.loader()).plan(f, parsed);
    }

    private List<String> errors(String text) {
        ConfigErrors e = assertThrows(ConfigErrors.class, () -> plan(text));
        return e.problems().stream().map(ConfigProblem::toString).map(s -> s.replace(dir + "/", "")).toList();
    }

    @Test
    void gridPerModelAndSeedsExpandInOrder() throws IOException {
        SweepPlan p = plan("""
                dataset { type = toy }
                model { type = bootstrap }
                sweep {
                  model.noise = [0.1, 0.2]
                  model.epochs = [1, 2, 3]
                  seeds = [7, 8]
                  parallelism = 3
                }
                """);
        assertEquals(12, p.trials().size());
        assertEquals(List.of("model.epochs", "model.noise", "seed"), p.axes());
        assertEquals(3, p.parallelism());
        assertEquals("model.epochs=1 model.noise=0.1 seed=7", p.trials().get(0).label());
        assertEquals("model.epochs=1 model.noise=0.1 seed=8", p.trials().get(1).label());
        assertEquals("model.epochs=3 model.noise=0.2 seed=8", p.trials().get(11).label());
        TestPlugins.BootstrapConfig last = (TestPlugins.BootstrapConfig) p.trials().get(11).experiment().model().config();
        assertEquals(new TestPlugins.BootstrapConfig(3, 0.2, false), new TestPlugins.BootstrapConfig(last.epochs(), last.noise(), last.fail()));
        assertEquals(8, p.trials().get(11).experiment().seed());
        assertEquals(List.of("model.epochs=3", "model.noise=0.2", "seed=8"), p.trials().get(11).overrides());
    }

    @Test
    void randomSearchDrawsDeterministicallyWithinRanges() throws IOException {
        String text = """
                dataset { type = toy }
                model { type = bootstrap }
                sweep {
                  random {
                    trials = 5
                    model.noise = { log-uniform = [0.001, 1.0] }
                    model.epochs = { int-uniform = [1, 4] }
                  }
                }
                """;
        SweepPlan a = plan(text);
        SweepPlan b = plan(text);
        assertEquals(5, a.trials().size());
        for (int i = 0; i < 5; i++) {
            TestPlugins.BootstrapConfig c = (TestPlugins.BootstrapConfig) a.trials().get(i).experiment().model().config();
            assertTrue(c.noise() >= 0.001 && c.noise() <= 1.0, "noise " + c.noise());
            assertTrue(c.epochs() >= 1 && c.epochs() <= 4, "epochs " + c.epochs());
            assertEquals(a.trials().get(i).label(), b.trials().get(i).label(), "same file, same draws");
        }
    }

    @Test
    void keysAreValidatedPerTrialWithTheirLines() {
        List<String> errors = errors("""
                dataset { type = toy }
                model { type = bootstrap }
                sweep {
                  model.epochz = [1, 2]
                  seeds = 3
                }
                """);
        assertEquals(List.of("sweep.conf:5: sweep.seeds: expected a non-empty list of seeds, e.g. [1, 2, 3]"), errors);
        List<String> trials = errors("""
                dataset { type = toy }
                model { type = bootstrap }
                sweep {
                  model.epochz = [1, 2]
                  model.noise = [0.5, -1]
                }
                """);
        assertEquals(List.of(
                "sweep.conf:4: model.epochz: unknown key for model type 'bootstrap'; did you mean 'epochs'? (valid keys: epochs, noise, fail, sleep-ms)"
                        + " (in sweep trials #1 (model.epochz=1 model.noise=0.5), #2 (model.epochz=1 model.noise=-1), #3 (model.epochz=2 model.noise=0.5) and 1 more)",
                "sweep.conf:5: model.noise: must be at least 0, got -1.0 (in sweep trials #2 (model.epochz=1 model.noise=-1), #4 (model.epochz=2 model.noise=-1))"),
                trials);
    }

    @Test
    void aFailingTrialIsIsolated() throws Exception {
        SweepPlan p = plan("""
                name = iso
                dataset { type = toy }
                model { type = bootstrap }
                metrics = [mean-gap]
                sweep { model.fail = [false, true], seeds = [1, 2] }
                """);
        LocalRunStore store = new LocalRunStore(dir.resolve("runs"));
        AtomicBoolean cancelled = new AtomicBoolean();
        TrialLauncher inProcess = (trial, name, parent) -> GENLAB.run(GENLAB.prepare(trial.experiment(), RunListener.SILENT), store.root(), List.of(),
                RunListener.SILENT, cancelled, name, parent).status();
        SweepOutcome outcome = new SweepRunner(store).run(p, RunListener.SILENT, cancelled, inProcess);
        assertEquals(RunStatus.FINISHED, outcome.status(), "two trials finished");
        assertEquals(4, outcome.trials().size());
        Map<RunStatus, Long> byStatus = outcome.trials().stream().collect(java.util.stream.Collectors.groupingBy(StoredRun::status, java.util.stream.Collectors.counting()));
        assertEquals(Map.of(RunStatus.FINISHED, 2L, RunStatus.FAILED, 2L), byStatus);
        for (StoredRun r : outcome.trials()) {
            assertEquals(outcome.parentId(), r.parentId());
            // short, distinct names for the MLflow UI: "f=false s1" .. "f=true s2"
            assertTrue(r.name().matches("f=(true|false) s[12]"), r.name());
        }
        assertEquals(4, outcome.trials().stream().map(StoredRun::name).distinct().count(), "distinct names");
        assertEquals(2, outcome.failures().size());
        StoredRun parent = store.find(outcome.parentId()).orElseThrow();
        assertEquals(RunStatus.FINISHED, parent.status());
        assertTrue(parent.error().startsWith("2 of 4 trials did not finish"), parent.error());
        // the parent compares the finished trials over seeds: mean and std of each headline metric per setting
        Map<String, Double> results = parent.results();
        double gap1 = outcome.trials().stream().filter(r -> r.status() == RunStatus.FINISHED).mapToDouble(r -> results(r).get("mean-gap.gap")).sum() / 2;
        assertEquals(gap1, results.get("bootstrap/mean-gap.gap.mean"), 1e-12, results.toString());
        assertTrue(Files.exists(parent.artifacts().resolve("comparison.csv")));
        assertTrue(Files.exists(parent.artifacts().resolve("report/report.html")));
    }

    @Test
    void cancellingStartsNoMoreTrials() throws Exception {
        SweepPlan p = plan("dataset { type = toy }\nmodel { type = bootstrap }\nsweep { seeds = [1, 2, 3] }\n");
        LocalRunStore store = new LocalRunStore(dir.resolve("runs"));
        AtomicBoolean cancelled = new AtomicBoolean(true);
        SweepOutcome outcome = new SweepRunner(store).run(p, RunListener.SILENT, cancelled, (t, n, parent) -> {
            throw new AssertionError("no trial may start after Ctrl-C");
        });
        assertEquals(RunStatus.KILLED, outcome.status());
        assertEquals(3, outcome.notRun());
    }

    private static Map<String, Double> results(StoredRun r) {
        try {
            return r.results();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
