package dev.genlab.runtime.tracking.mlflow;

import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.api;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.assertSameHistories;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.experimentFile;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.pairs;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.run;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.serverRun;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.serverRuns;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.state;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.stored;
import static dev.genlab.runtime.tracking.mlflow.MlflowTestSupport.uniqueExperiment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.tracking.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs mirrored live to a real MLflow server, read back through its REST API. */
@ExtendWith(MlflowServerExtension.class)
class TestMlflowTracker {
    @TempDir
    Path dir;

    @Test
    void aRunIsMirroredWithParamsHistoriesTagsInputAndArtifacts(MlflowServer server) throws IOException {
        String experiment = uniqueExperiment("complete");
        Path runs = dir.resolve("runs");
        RunOutcome outcome = run(experimentFile(dir, experiment, server.uri(), "epochs = 7"), runs, new AtomicBoolean());
        assertEquals(RunStatus.FINISHED, outcome.status(), outcome.error());
        StoredRun local = stored(runs, outcome.runId());
        MlflowTrackingApi api = api(server.uri());

        List<JsonNode> remote = serverRuns(api, experiment);
        assertEquals(1, remote.size(), "one MLflow run per genlab run");
        String runId = remote.get(0).path("info").path("run_id").asText();
        assertEquals(runId, state(local, server.uri()).get("run_id"), "mlflow.json names the MLflow run");
        JsonNode run = serverRun(api, runId);
        assertEquals("FINISHED", run.path("info").path("status").asText());
        assertEquals(local.endTimeMillis().longValue(), run.path("info").path("end_time").asLong());
        assertEquals(experiment, run.path("info").path("run_name").asText());

        assertEquals(local.params(), pairs(run.path("data").path("params")), "params are the flattened effective config");
        assertEquals("7", local.params().get("model.epochs"));

        assertSameHistories(api, runId, local);
        assertEquals(7, api.metricHistory(runId, "loss").size(), "one point per epoch");
        Map<String, String> latest = pairs(run.path("data").path("metrics"));
        for (Map.Entry<String, Double> r : local.results().entrySet()) {
            assertEquals(r.getValue(), Double.parseDouble(latest.get(r.getKey())), r.getKey());
        }

        Map<String, String> tags = pairs(run.path("data").path("tags"));
        for (Map.Entry<String, String> t : local.tags().entrySet()) {
            assertEquals(t.getValue(), tags.get(t.getKey()), "tag " + t.getKey());
        }
        assertEquals(experiment, tags.get("mlflow.runName"));
        assertEquals("LOCAL", tags.get("mlflow.source.type"));
        assertEquals(local.tags().get("genlab.experiment_file"), tags.get("mlflow.source.name"));
        assertEquals(outcome.runId(), tags.get("genlab.run_id"));
        assertTrue(tags.get("mlflow.note.content").contains("model `bootstrap` on dataset `toy`"), tags.get("mlflow.note.content"));
        assertTrue(tags.get("mlflow.note.content").contains("Status: FINISHED"), tags.get("mlflow.note.content"));
        assertTrue(tags.get("mlflow.note.content").startsWith("**Score card**") && tags.get("mlflow.note.content").contains("| mean-gap | mean-gap.gap |"),
                "the description leads with the score card: " + tags.get("mlflow.note.content"));
        if (local.tags().containsKey("genlab.git_commit")) {
            assertEquals(local.tags().get("genlab.git_commit"), tags.get("mlflow.source.git.commit"));
        }

        JsonNode inputs = run.path("inputs").path("dataset_inputs");
        assertEquals(1, inputs.size());
        JsonNode dataset = inputs.get(0).path("dataset");
        assertEquals("toy", dataset.path("name").asText());
        assertEquals(local.tags().get("genlab.dataset.sha256").substring(0, 32), dataset.path("digest").asText());
        assertTrue(dataset.path("schema").asText().contains("\"name\":\"x\""), dataset.path("schema").asText());
        assertTrue(dataset.path("profile").asText().contains(local.tags().get("genlab.dataset.sha256")));
        assertEquals("training", pairs(inputs.get(0).path("tags")).get("mlflow.data.context"));

        String root = run.path("info").path("artifact_uri").asText().substring("mlflow-artifacts:/".length());
        for (String artifact : MlflowSync.artifacts(local)) {
            Path file = MlflowSync.file(local, artifact);
            assertArrayEquals(Files.readAllBytes(file), api.http().download(root + "/" + artifact), artifact);
        }
        assertTrue(MlflowSync.artifacts(local).containsAll(List.of("config.conf", "measures.json", "synthetic.csv", "model/model.txt")));

        MlflowSync.Result again = new MlflowSync(api).sync(local, runs);
        assertEquals(MlflowSync.Outcome.UP_TO_DATE, again.outcome(), again.detail());
        assertEquals(1, serverRuns(api, experiment).size());
    }

    @Test
    void aFailingPluginEndsFailedWithTheErrorAsTagAndArtifact(MlflowServer server) throws IOException {
        String experiment = uniqueExperiment("failing");
        Path runs = dir.resolve("runs");
        RunOutcome outcome = run(experimentFile(dir, experiment, server.uri(), "fail = true"), runs, new AtomicBoolean());
        assertEquals(RunStatus.FAILED, outcome.status());
        MlflowTrackingApi api = api(server.uri());
        JsonNode run = serverRun(api, (String) state(stored(runs, outcome.runId()), server.uri()).get("run_id"));
        assertEquals("FAILED", run.path("info").path("status").asText());
        Map<String, String> tags = pairs(run.path("data").path("tags"));
        String failure = "model plugin 'bootstrap' from " + java.nio.file.Path.of("target/test-classes").toAbsolutePath() + " failed in fit: bootstrap was told to fail";
        assertEquals(failure, tags.get("genlab.error"));
        assertTrue(tags.get("mlflow.note.content").contains("Status: FAILED: " + failure), tags.get("mlflow.note.content"));
        String root = run.path("info").path("artifact_uri").asText().substring("mlflow-artifacts:/".length());
        String error = new String(api.http().download(root + "/error.txt"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(error.contains("IllegalStateException: bootstrap was told to fail"), error);
    }

    @Test
    void aCancelledRunEndsKilled(MlflowServer server) throws IOException {
        String experiment = uniqueExperiment("cancelled");
        Path runs = dir.resolve("runs");
        RunOutcome outcome = run(experimentFile(dir, experiment, server.uri(), "epochs = 2"), runs, new AtomicBoolean(true));
        assertEquals(RunStatus.KILLED, outcome.status());
        MlflowTrackingApi api = api(server.uri());
        JsonNode run = serverRun(api, (String) state(stored(runs, outcome.runId()), server.uri()).get("run_id"));
        assertEquals("KILLED", run.path("info").path("status").asText());
        assertEquals("cancelled by the user", pairs(run.path("data").path("tags")).get("genlab.error"));
    }

    @Test
    void aChildRunPointsAtItsParent(MlflowServer server) throws IOException {
        String experiment = uniqueExperiment("nested");
        LocalRunStore store = new LocalRunStore(dir.resolve("runs"));
        MlflowTrackingApi api = api(server.uri());
        long now = System.currentTimeMillis();
        RunInfo parent = new RunInfo(LocalRunStore.newRunId("sweep", now), "sweep", experiment, null, now);
        RunInfo child = new RunInfo(LocalRunStore.newRunId("trial-1", now), "trial-1", experiment, parent.id(), now + 1);
        MlflowTracker parentTracker = track(store, api, parent);
        MlflowTracker childTracker = track(store, api, child);
        childTracker.ended(RunStatus.FINISHED, null, now + 10);
        parentTracker.ended(RunStatus.FINISHED, null, now + 20);

        JsonNode childRun = serverRun(api, childTracker.mlflowRunId());
        assertEquals(parentTracker.mlflowRunId(), pairs(childRun.path("data").path("tags")).get("mlflow.parentRunId"));
        assertEquals(2, serverRuns(api, experiment).size());
    }

    @Test
    void serverLimitsAreRespected(MlflowServer server) throws IOException {
        String experiment = uniqueExperiment("limits");
        LocalRunStore store = new LocalRunStore(dir.resolve("runs"));
        MlflowTrackingApi api = api(server.uri());
        long now = System.currentTimeMillis();
        RunInfo info = new RunInfo(LocalRunStore.newRunId("limits", now), "limits", experiment, null, now);
        RunWriter writer = store.create(info);
        MlflowTracker tracker = new MlflowTracker(api, null, store.root(), null, null);
        tracker.started(info);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            params.put("p" + i, "v" + i);
        }
        params.put("long", "x".repeat(7000));
        params.put("odd key (ü)", "1");
        writer.params(params);
        tracker.params(params);
        for (int i = 0; i < 2500; i++) {
            writer.metric("loss", i == 7 ? Double.NaN : 1.0 / (i + 1), i, now + i);
            tracker.metric("loss", i == 7 ? Double.NaN : 1.0 / (i + 1), i, now + i);
        }
        writer.ended(RunStatus.FINISHED, null, now + 3000);
        tracker.ended(RunStatus.FINISHED, null, now + 3000);
        assertTrue(!tracker.isDisconnected());

        JsonNode run = serverRun(api, tracker.mlflowRunId());
        Map<String, String> remote = pairs(run.path("data").path("params"));
        assertEquals(252, remote.size(), "250 params in 3 batches, plus two");
        assertEquals(6000, remote.get("long").length());
        assertTrue(remote.get("long").endsWith(MlflowLimits.TRUNCATED));
        assertEquals("1", remote.get("odd key ___"));
        assertSameHistories(api, tracker.mlflowRunId(), stored(store.root(), info.id()));
        assertTrue(Double.isNaN(api.metricHistory(tracker.mlflowRunId(), "loss").stream().filter(p -> p.step() == 7).findFirst().orElseThrow().value()));
    }

    private static MlflowTracker track(LocalRunStore store, MlflowTrackingApi api, RunInfo info) throws IOException {
        store.create(info).close();
        MlflowTracker tracker = new MlflowTracker(api, null, store.root(), null, null);
        tracker.started(info);
        return tracker;
    }
}
