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
 * {@code genlab ui} end to end: a local-only run is synced into a fresh UI server, and a real headless Chromium
 * shows the run in the MLflow UI with its loss chart. Needs Chromium ({@code CHROMIUM_BIN} or {@code chromium}
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
        Files.writeString(file, "name = ui-demo\ndataset { type = toy }\nmodel { type = bootstrap, epochs = 20 }\nmetrics = [mean-gap]\n");
        PreparedRun prepared = GENLAB.prepare(file, List.of(), RunListener.SILENT);
        RunOutcome outcome = GENLAB.run(prepared, runs, GENLAB.mirrors(prepared, runs), RunListener.SILENT, new AtomicBoolean());
        assertEquals(RunStatus.FINISHED, outcome.status());
        assertEquals(List.of(), GENLAB.mirrors(prepared, runs), "a local-only run");

        MlflowUi.Started ui = MlflowUi.start(MlflowServerExtension.mlflow(), new LocalRunStore(runs), dir.resolve("ui"), 0);
        try (MlflowServer server = ui.server()) {
            assertEquals(1, ui.results().size());
            assertEquals(MlflowSync.Outcome.PUSHED, ui.results().get(0).outcome(), ui.results().get(0).detail());
            StoredRun local = stored(runs, outcome.runId());
            Map<String, Object> s = state(local, server.uri());
            String runPage = server.uri() + "/#/experiments/" + s.get("experiment_id") + "/runs/" + s.get("run_id");

            String overview = dumpDom(chromium, runPage);
            assertTrue(overview.contains("ui-demo"), "run name on the run page:\n" + text(overview));
            assertTrue(overview.contains("Finished"), "status on the run page:\n" + text(overview));

            String metrics = dumpDom(chromium, runPage + "/model-metrics");
            assertTrue(metrics.contains(">loss<"), "a chart titled 'loss':\n" + text(metrics));
            Matcher line = LINE.matcher(metrics);
            assertTrue(line.find(), "a plotted line in the metric charts:\n" + text(metrics));
            int segments = line.group(1).split("L").length - 1;
            assertTrue(segments >= 5, "the loss line has " + segments + " segments: " + line.group(1));
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
