package dev.genlab.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.config.ConfigErrors;
import dev.genlab.runtime.config.ConfigProblem;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep.launcher: the choice of a launcher, its strict settings, and what the sweep runner does with one. */
class TestSweepLaunchers {
    private static final Genlab GENLAB = new Genlab(PluginRegistry.discover(List.of()));
    private static final String BASE = "name = l\ndataset { type = toy }\nmodel { type = bootstrap }\nmetrics = [mean-gap]\n";

    @TempDir
    Path dir;

    /**
     * A third party's launcher: trials in this JVM, started in reverse order, each only once every trial was handed
     * to it (so they finish in reverse order too); its settings say the tag it puts on the parent run.
     */
    static final class ReverseLauncherFactory implements SweepLauncherFactory<ReverseLauncherFactory.Settings> {
        record Settings(String tag, int delayMs) {
        }

        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "reverse";
        }

        @Override
        public String description() {
            return "trials in reverse";
        }

        @Override
        public Class<Settings> settingsClass() {
            return Settings.class;
        }

        @Override
        public Config defaults() {
            return ConfigFactory.parseString("# the parent's tag\ntag = hello\ndelay-ms = 0");
        }

        @Override
        public void check(Settings settings, Config block, Problems problems) {
            if (settings.delayMs() < 0) {
                problems.at(block, "delay-ms", "sweep.launcher.delay-ms", "expected at least 0 but got " + settings.delayMs());
            }
        }

        @Override
        public SweepLauncher create(Settings settings, SweepLauncherContext context) {
            return new SweepLauncher() {
                private CountDownLatch all;
                private TrialEvents events;
                private int size;

                @Override
                public String where(SweepPlan plan) {
                    return "in reverse";
                }

                @Override
                public int concurrency(SweepPlan plan) {
                    return plan.trials().size();
                }

                @Override
                public boolean queues() {
                    return true;
                }

                @Override
                public Map<String, String> open(SweepPlan plan, String parentId, TrialEvents events) {
                    this.events = events;
                    all = new CountDownLatch(plan.trials().size());
                    size = plan.trials().size();
                    ReverseLauncherFactory.this.events.add("open " + parentId.contains("-sweep-"));
                    return Map.of("reverse.tag", settings.tag());
                }

                @Override
                public RunStatus launch(Trial trial, String runName, String parentId) throws Exception {
                    all.countDown();
                    assertTrue(all.await(30, TimeUnit.SECONDS));
                    // trial n waits for the trials after it: the last one runs first
                    synchronized (ReverseLauncherFactory.this.events) {
                        while (ReverseLauncherFactory.this.events.stream().filter(e -> e.startsWith("ran")).count() != size - trial.index()) {
                            ReverseLauncherFactory.this.events.wait(50);
                        }
                    }
                    events.started(trial.index());
                    RunStatus status = context.genlab().run(context.genlab().prepare(trial.experiment(), RunListener.SILENT), context.store().root(),
                            List.of(), RunListener.SILENT, context.cancelled(), runName, parentId).status();
                    synchronized (ReverseLauncherFactory.this.events) {
                        ReverseLauncherFactory.this.events.add("ran " + trial.index());
                        ReverseLauncherFactory.this.events.notifyAll();
                    }
                    return status;
                }

                @Override
                public void close() {
                    ReverseLauncherFactory.this.events.add("close");
                }
            };
        }
    }

    private final ReverseLauncherFactory reverse = new ReverseLauncherFactory();
    private final SweepLauncherRegistry launchers = new SweepLauncherRegistry(List.of(new LocalLauncherFactory(), new ProcessesLauncherFactory(), reverse));

    private SweepPlan plan(String text, String... sets) throws IOException {
        Path f = dir.resolve("sweep.conf");
        Files.writeString(f, text);
        Config parsed = GENLAB.loader().parse(f, List.of(sets));
        return new SweepPlanner(GENLAB.loader(), launchers).plan(f, parsed);
    }

    private List<String> errors(String text) {
        ConfigErrors e = assertThrows(ConfigErrors.class, () -> plan(text));
        return e.problems().stream().map(ConfigProblem::toString).map(s -> s.replace(dir + "/", "")).toList();
    }

    @Test
    void withoutALauncherBlockTheParallelismChoosesAsBefore() throws IOException {
        assertEquals("local", plan(BASE + "sweep { seeds = [1, 2], parallelism = 1 }").launcher().name());
        assertEquals("processes", plan(BASE + "sweep { seeds = [1, 2], parallelism = 2 }").launcher().name());
        assertEquals("processes", plan(BASE + "sweep { seeds = [1, 2], launcher { type = processes }, parallelism = 1 }").launcher().name());
        assertEquals("local", plan(BASE + "sweep { seeds = [1, 2], launcher = local, parallelism = 4 }").launcher().name());
        // from the command line, as any other key
        assertEquals("reverse", plan(BASE + "sweep { seeds = [1, 2] }", "sweep.launcher.type=reverse").launcher().name());
    }

    @Test
    void settingsAreTypedStrictAndLocated() throws IOException {
        SweepPlan p = plan(BASE + "sweep {\n  seeds = [1, 2]\n  launcher { type = reverse, tag = bye }\n}\n");
        assertEquals(new ReverseLauncherFactory.Settings("bye", 0), p.launcher().settings());
        assertEquals("bye", p.launcher().resolved().getString("tag"));
        assertEquals(0, p.launcher().resolved().getInt("delay-ms"), "defaults fill in");
        assertEquals(List.of(
                "sweep.conf:9: sweep.launcher.tga: unknown key for launcher 'reverse'; did you mean 'tag'? (valid keys: tag, delay-ms)",
                "sweep.conf:10: sweep.launcher.delay-ms: expected at least 0 but got -5"),
                errors(BASE + "sweep {\n  seeds = [1, 2]\n  launcher {\n    type = reverse\n    tga = x\n    delay-ms = -5\n  }\n}\n"));
        assertEquals(List.of("sweep.conf:8: sweep.launcher.type: unknown launcher type 'revrse'; did you mean 'reverse'? (launchers: local, processes, reverse)"),
                errors(BASE + "sweep {\n  seeds = [1, 2]\n  launcher {\n    type = revrse\n  }\n}\n"));
        assertEquals(List.of("sweep.conf:6: sweep.launcher.threads: unknown key for launcher 'local' (it takes no settings)"),
                errors(BASE + "sweep { seeds = [1, 2]\nlauncher { type = local, threads = 2 } }\n"));
        assertEquals(List.of("sweep.conf:6: sweep.launcher.type: expected the launcher's type (launchers: local, processes, reverse)"),
                errors(BASE + "sweep { seeds = [1, 2]\nlauncher { tag = x } }\n"));
        assertEquals(List.of("sweep.conf:6: sweep.launcher.type: unknown launcher type 'spark' (launchers: local, processes, reverse);"
                        + " the spark launcher is the jar genlab-spark-launcher, missing from genlab's lib directory"),
                errors(BASE + "sweep { seeds = [1, 2]\nlauncher.type = spark }\n"));
    }

    @Test
    void anUnquotedUrlOnTheCommandLineIsAString() throws IOException {
        SweepPlan p = plan(BASE + "sweep { seeds = [1, 2] }", "sweep.launcher.type=reverse", "sweep.launcher.tag=spark://127.0.0.1:7077");
        assertEquals("spark://127.0.0.1:7077", p.launcher().resolved().getString("tag"));
    }

    @Test
    void aLauncherTagsTheParentAndTrialsKeepTheirOrderWhateverOrderTheyFinishIn() throws Exception {
        SweepPlan p = plan(BASE + "sweep { seeds = [1, 2, 3], launcher { type = reverse, tag = spark-app-1 } }");
        LocalRunStore store = new LocalRunStore(dir.resolve("runs"));
        AtomicBoolean cancelled = new AtomicBoolean();
        SweepLauncherContext context = new SweepLauncherContext(dir.resolve("sweep.conf"), ConfigFactory.empty(), List.of(), List.of(), store, cancelled,
                RunListener.SILENT, GENLAB, List.of(), List.of(), "none");
        SweepOutcome outcome = new SweepRunner(store).run(p, RunListener.SILENT, cancelled, p.launcher().create(context), List.of());
        assertEquals(List.of("open true", "ran 3", "ran 2", "ran 1", "close"), reverse.events);
        assertEquals(RunStatus.FINISHED, outcome.status());
        assertEquals(List.of("s1", "s2", "s3"), outcome.trials().stream().map(StoredRun::name).toList(), "in trial order");
        StoredRun parent = store.find(outcome.parentId()).orElseThrow();
        assertEquals("spark-app-1", parent.tags().get("reverse.tag"));
        List<String> settings = Files.readAllLines(parent.artifacts().resolve("comparison.csv"));
        assertTrue(settings.size() > 1, "the parent compares the trials: " + settings);
    }
}
