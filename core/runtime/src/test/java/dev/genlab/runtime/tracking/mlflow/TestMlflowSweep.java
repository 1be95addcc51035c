package dev.genlab.runtime.tracking.mlflow;

import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.GENLAB;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.api;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.pairs;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.serverRun;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.serverRuns;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.state;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.stored;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.uniqueExperiment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.sweep.SweepOutcome;
import dev.genlab.runtime.sweep.SweepPlan;
import dev.genlab.runtime.sweep.SweepPlanner;
import dev.genlab.runtime.sweep.SweepRunner;
import dev.genlab.runtime.sweep.TrialLauncher;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.tracking.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep as a user of the MLflow UI sees it (issue 16, point 2): the experiment opens in the model-training view
 * ({@code mlflow.experimentKind}), trials have short distinct names and are nested under the parent, params are
 * keyed by metric name, no key has a {@code /}, and the parent has its artifacts (pushed live, not by a later
 * sync), the dataset input and a description with the score card and best setting per family.
 */
@ExtendWith(MlflowServerExtension.class)
class TestMlflowSweep {
    @TempDir
    Path dir;

    @Test
    void aSweepLooksRightInMlflow(MlflowServer server) throws Exception {
        String experiment = uniqueExperiment("sweep-ui");
        Path file = Files.writeString(dir.resolve(experiment + ".conf"), "name = " + experiment + "\n"
                + "dataset { type = toy, rows = 120 }\n"
                + "model { type = bootstrap }\n"
                + "metrics = [mean-gap]\n"
                + "sweep { model.epochs = [2, 3], seeds = [1, 2] }\n"
                + "tracking.mlflow { uri = \"" + server.uri() + "\" }\n");
        SweepPlan plan = new SweepPlanner(GENLAB.loader()).plan(file, GENLAB.loader().parse(file, List.of()));
        Path runs = dir.resolve("runs");
        LocalRunStore store = new LocalRunStore(runs);
        AtomicBoolean cancelled = new AtomicBoolean();
        TrialLauncher inProcess = (trial, name, parent) -> {
            var prepared = GENLAB.prepare(trial.experiment(), RunListener.SILENT);
            return GENLAB.run(prepared, runs, GENLAB.mirrors(prepared, runs), RunListener.SILENT, cancelled, name, parent).status();
        };
        List<RunTracker> parentMirrors = new ArrayList<>();
        MlflowTracker.forSettings(plan.trials().get(0).experiment().settings().tracking().mlflow(), runs, file.toString()).ifPresent(parentMirrors::add);
        SweepOutcome outcome = new SweepRunner(store).run(plan, RunListener.SILENT, cancelled, inProcess, parentMirrors);
        assertEquals(RunStatus.FINISHED, outcome.status());

        MlflowTrackingApi api = api(server.uri());
        String experimentId = api.experimentId(experiment);
        JsonNode exp = api.http().get("experiments/get", Map.of("experiment_id", experimentId)).path("experiment");
        assertEquals("custom_model_development", pairs(exp.path("tags")).get("mlflow.experimentKind"), exp.toString());

        StoredRun parent = stored(runs, outcome.parentId());
        String parentRunId = (String) state(parent, server.uri()).get("run_id");
        List<JsonNode> all = serverRuns(api, experiment);
        assertEquals(5, all.size(), "the parent and four trials");
        List<String> names = new ArrayList<>();
        for (JsonNode r : all) {
            Map<String, String> tags = pairs(r.path("data").path("tags"));
            for (JsonNode m : r.path("data").path("metrics")) {
                assertFalse(m.path("key").asText().contains("/"), "no '/' in metric keys: " + m.path("key").asText());
            }
            if (r.path("info").path("run_id").asText().equals(parentRunId)) {
                continue;
            }
            assertEquals(parentRunId, tags.get("mlflow.parentRunId"), "nested under the parent");
            names.add(tags.get("mlflow.runName"));
            Map<String, String> params = pairs(r.path("data").path("params"));
            assertTrue(params.containsKey("metrics.mean-gap.type"), "params keyed by the metric's name: " + params.keySet());
            assertTrue(params.keySet().stream().noneMatch(k -> k.startsWith("metrics.0")), params.keySet().toString());
        }
        assertEquals(List.of("e2 s1", "e2 s2", "e3 s1", "e3 s2"), names.stream().sorted().toList(), "short, distinct trial names");

        JsonNode remoteParent = serverRun(api, parentRunId);
        assertEquals("FINISHED", remoteParent.path("info").path("status").asText());
        @SuppressWarnings("unchecked")
        List<String> pushed = (List<String>) state(parent, server.uri()).get("artifacts_pushed");
        assertTrue(pushed.containsAll(List.of("comparison.csv", "comparison.json", "config.conf", "report/report.html")),
                "the parent's artifacts were pushed live: " + pushed);
        String root = remoteParent.path("info").path("artifact_uri").asText().substring("mlflow-artifacts:/".length());
        assertArrayEquals(Files.readAllBytes(parent.artifacts().resolve("comparison.csv")), api.http().download(root + "/comparison.csv"));
        JsonNode inputs = remoteParent.path("inputs").path("dataset_inputs");
        assertEquals(1, inputs.size(), "the parent has the trials' dataset as its input: " + remoteParent.path("inputs"));
        assertEquals("toy", inputs.get(0).path("dataset").path("name").asText());
        String note = pairs(remoteParent.path("data").path("tags")).get("mlflow.note.content");
        assertTrue(note.startsWith("**Score card**"), note);
        assertTrue(note.contains("best setting"), note);
        assertTrue(note.contains("a sweep of 4 trials over model.epochs, seed"), note);
        assertTrue(note.contains("(4 finished, 0 failed, 0 not run)"), note);

        MlflowSync.Result again = new MlflowSync(api).sync(parent, runs);
        assertEquals(MlflowSync.Outcome.UP_TO_DATE, again.outcome(), "nothing left for sync: " + again.detail());
    }
}
