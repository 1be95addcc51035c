package dev.genlab.runtime.tracking.mlflow;

import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.GENLAB;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.state;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genlab ui} end to end: a local-only run (with a model to register) and a local sweep are synced into a fresh
 * UI server, and a real headless Chromium shows the run with its loss chart, the experiment in the model-training
 * view with the model version in its Models column, the sweep's trials nested under its parent, and the registered
 * model's page with the version. Needs Chromium ({@code CHROMIUM_BIN} or {@code chromium}
 * on the PATH); without it the test fails and says how to install it.
 */
class TestMlflowUi {
    private static final Pattern LINE = Pattern.compile("<path[^>]*class=\"js-line\"[^>]*d=\"(M[^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void theUiShowsASyncedRunWithItsLossChart() throws Exception {
        Path chromium = chromium();
        Path runs = dir.resolve("runs");
        Path file = dir.resolve("ui-demo.conf");
        String registered = "ui-demo-model-" + ProcessHandle.current().pid();
        Files.writeString(file, "name = ui-demo\ndataset { type = toy }\nmodel { type = bootstrap, epochs = 20 }\nmetrics = [mean-gap]\n"
                + "tracking.mlflow.register = " + registered + "\n");
        PreparedRun prepared = GENLAB.prepare(file, List.of(), RunListener.SILENT);
        RunOutcome outcome = GENLAB.run(prepared, runs, GENLAB.mirrors(prepared, runs), RunListener.SILENT, new AtomicBoolean());
        assertEquals(RunStatus.FINISHED, outcome.status());
        assertEquals(List.of(), GENLAB.mirrors(prepared, runs), "a local-only run");
        // and a local sweep of two trials, to see them nested under their parent
        Path sweepFile = Files.writeString(dir.resolve("ui-sweep.conf"),
                "name = ui-sweep\ndataset { type = toy }\nmodel { type = bootstrap }\nmetrics = [mean-gap]\nsweep { seeds = [1, 2] }\n");
        dev.genlab.runtime.sweep.SweepPlan plan = new dev.genlab.runtime.sweep.SweepPlanner(GENLAB.loader()).plan(sweepFile,
                GENLAB.loader().parse(sweepFile, List.of()));
        AtomicBoolean cancelled = new AtomicBoolean();
        dev.genlab.runtime.sweep.SweepOutcome sweep = new dev.genlab.runtime.sweep.SweepRunner(new LocalRunStore(runs)).run(plan, RunListener.SILENT,
                cancelled, (trial, name, parent) -> GENLAB.run(GENLAB.prepare(trial.experiment(), RunListener.SILENT), runs, List.of(),
                        RunListener.SILENT, cancelled, name, parent).status());
        assertEquals(RunStatus.FINISHED, sweep.status());

        MlflowUi.Started ui = MlflowUi.start(MlflowServerExtension.mlflow(), new LocalRunStore(runs), dir.resolve("ui"), 0);
        try (MlflowServer server = ui.server()) {
            assertEquals(4, ui.results().size(), "the run, the sweep and its two trials: " + ui.results());
            for (MlflowSync.Result r : ui.results()) {
                assertEquals(MlflowSync.Outcome.PUSHED, r.outcome(), r.detail());
            }
            StoredRun local = stored(runs, outcome.runId());
            Map<String, Object> s = state(local, server.uri());
            String runPage = server.uri() + "/#/experiments/" + s.get("experiment_id") + "/runs/" + s.get("run_id");

            String overview = dumpDom(chromium, runPage);
            assertTrue(overview.contains("ui-demo"), "run name on the run page:\n" + text(overview));
            assertTrue(overview.contains("Finished"), "status on the run page:\n" + text(overview));
            assertTrue(text(overview).contains("Logged models genlab"), "the run's model, by its flavor:\n" + text(overview));

            String metrics = dumpDom(chromium, runPage + "/model-metrics");
            assertTrue(metrics.contains(">loss<"), "a chart titled 'loss':\n" + text(metrics));
            Matcher line = LINE.matcher(metrics);
            assertTrue(line.find(), "a plotted line in the metric charts:\n" + text(metrics));
            int segments = line.group(1).split("L").length - 1;
            assertTrue(segments >= 5, "the loss line has " + segments + " segments: " + line.group(1));

            // the experiment opens in the model-training view (its runs table, not the GenAI overview), the run's
            // registered model version in its Models column
            String experiment = dumpDom(chromium, MlflowUi.experimentUrl(server.uri(), (String) s.get("experiment_id")));
            assertTrue(experiment.contains("<title>Runs - Experiment"), "the runs view:\n" + text(experiment));
            assertTrue(text(experiment).contains(registered + " v1"), "the model version in the Models column:\n" + text(experiment));
            // the sweep: one top-level row, its parent, with an expander; the trials nested under it
            StoredRun parent = stored(runs, sweep.parentId());
            String sweepPage = dumpDom(chromium, MlflowUi.experimentUrl(server.uri(), (String) state(parent, server.uri()).get("experiment_id")));
            String sweepText = text(sweepPage);
            assertTrue(sweepPage.contains("<title>Runs - Experiment"), "the runs view:\n" + sweepText);
            assertTrue(sweepText.contains("ui-sweep (sweep)"), "the parent run:\n" + sweepText);
            assertTrue(sweepText.contains("3 matching runs"), "parent and trials are in the experiment:\n" + sweepText);
            assertTrue(!sweepText.contains(" s1 ") && !sweepText.contains(" s2 "), "the trials are not top-level rows:\n" + sweepText);
            assertTrue(sweepPage.contains("runnamecellrenderer"), "the parent's row has the expander of nested runs:\n" + sweepText);
            // the registered model's page lists the version
            String model = text(dumpDom(chromium, server.uri() + "/#/models/" + registered));
            assertTrue(model.contains("Registered Models " + registered) && model.contains("Version 1"), "the model page:\n" + model);
        }
    }

    /** The page's DOM once its scripts have run; compositor stages are forced so lazily drawn charts get drawn. */
    private String dumpDom(Path chromium, String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--run-all-compositor-stages-before-draw", "--user-data-dir=" + profile,
                "--window-size=1400,900", "--virtual-time-budget=30000", "--dump-dom", url));
        Path out = dir.resolve("dom-" + System.nanoTime() + ".html");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("chromium did not finish within 2 minutes loading " + url);
        }
        assertEquals(0, p.exitValue(), "chromium failed on " + url + ":\n" + Files.readString(dir.resolve("chromium.log")));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String text(String html) {
        String t = html.replaceAll("(?s)<style.*?</style>", " ").replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ");
        return t.length() > 3000 ? t.substring(0, 3000) + "…" : t;
    }

    private static Path chromium() {
        String bin = System.getenv("CHROMIUM_BIN");
        if (bin != null && !bin.isBlank()) {
            return Path.of(bin);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                Path p = Path.of(dir.isBlank() ? "." : dir, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        Optional<Path> none = Optional.empty();
        return none.orElseThrow(() -> new AssertionError("The MLflow UI test needs a headless Chromium and found none "
                + "(looked at CHROMIUM_BIN and for chromium, chromium-browser, google-chrome on the PATH).\n"
                + "Install it: apt-get update && apt-get install -y chromium   (Debian/Ubuntu), or set CHROMIUM_BIN to a Chrome/Chromium binary."));
    }
}
