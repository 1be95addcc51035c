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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.util.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs that could not reach MLflow, completed later by {@code genlab sync}; every metric point exactly once. */
@ExtendWith(MlflowServerExtension.class)
class TestMlflowSync {
    @TempDir
    Path dir;

    @Test
    void aRunStartedWhileTheServerIsDownCompletesLocallyAndSyncPushesIt(MlflowServer server) throws Exception {
        String experiment = uniqueExperiment("down-at-start");
        Path runs = dir.resolve("runs");
        URI nobody = URI.create("http://127.0.0.1:" + unusedPort());
        RunOutcome outcome = run(experimentFile(dir, experiment, nobody, "epochs = 6"), runs, new AtomicBoolean());
        assertEquals(RunStatus.FINISHED, outcome.status(), "the run does not depend on MLflow");
        StoredRun local = stored(runs, outcome.runId());
        assertEquals(6, local.metrics().stream().filter(p -> p.key().equals("loss")).count());
        assertFalse(state(local, nobody).containsKey("run_id"), "nothing reached the server");

        MlflowTrackingApi api = api(server.uri());
        List<MlflowSync.Result> results = new MlflowSync(api).sync(new LocalRunStore(runs), List.of());
        assertEquals(1, results.size());
        assertEquals(MlflowSync.Outcome.PUSHED, results.get(0).outcome(), results.get(0).detail());
        List<JsonNode> remote = serverRuns(api, experiment);
        assertEquals(1, remote.size());
        String runId = remote.get(0).path("info").path("run_id").asText();
        JsonNode run = serverRun(api, runId);
        assertEquals("FINISHED", run.path("info").path("status").asText());
        assertEquals(local.params(), pairs(run.path("data").path("params")));
        assertSameHistories(api, runId, local);
        assertEquals(1, run.path("inputs").path("dataset_inputs").size(), "the dataset input, from provenance.json");
        String root = run.path("info").path("artifact_uri").asText().substring("mlflow-artifacts:/".length());
        assertArrayEquals(Files.readAllBytes(local.artifacts().resolve("synthetic.csv")), api.http().download(root + "/synthetic.csv"));

        List<MlflowSync.Result> again = new MlflowSync(api).sync(new LocalRunStore(runs), List.of());
        assertEquals(MlflowSync.Outcome.UP_TO_DATE, again.get(0).outcome(), again.get(0).detail());
        assertEquals(1, serverRuns(api, experiment).size(), "syncing twice creates no second run");
        assertSameHistories(api, runId, local);
    }

    @Test
    void aServerKilledMidRunIsCompletedBySyncWithEveryPointOnce() throws Exception {
        try (MlflowServer server = MlflowServerExtension.startServer(dir.resolve("server"))) {
            String experiment = uniqueExperiment("killed-mid-run");
            Path runs = dir.resolve("runs");
            Path file = experimentFile(dir, experiment, server.uri(), "epochs = 120, sleep-ms = 40");
            CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return run(file, runs, new AtomicBoolean());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // kill the server once the first batch of the loss history has arrived
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (pushedPoints(runs, server.uri()) == 0) {
                assertTrue(System.nanoTime() < deadline, "no metric batch reached the server");
                assertFalse(running.isDone(), "the run ended before a batch was pushed");
                Thread.sleep(50);
            }
            server.kill();
            RunOutcome outcome = running.get(2, TimeUnit.MINUTES);
            assertEquals(RunStatus.FINISHED, outcome.status(), outcome.error());
            StoredRun local = stored(runs, outcome.runId());
            Map<String, Object> partial = state(local, server.uri());
            long pushed = ((Number) partial.get("metrics_pushed")).longValue();
            assertTrue(pushed > 0 && pushed < local.metrics().size(), "partly pushed: " + partial);
            assertEquals(null, partial.get("status_pushed"));

            server.restart();
            MlflowTrackingApi api = api(server.uri());
            MlflowSync.Result result = new MlflowSync(api).sync(local, runs);
            assertEquals(MlflowSync.Outcome.PUSHED, result.outcome(), result.detail());
            List<JsonNode> remote = serverRuns(api, experiment);
            assertEquals(1, remote.size(), "the partly pushed run is completed, not pushed again");
            String runId = remote.get(0).path("info").path("run_id").asText();
            assertEquals("FINISHED", serverRun(api, runId).path("info").path("status").asText());
            assertEquals(120, api.metricHistory(runId, "loss").size());
            assertSameHistories(api, runId, local);

            assertEquals(MlflowSync.Outcome.UP_TO_DATE, new MlflowSync(api).sync(local, runs).outcome());
            assertSameHistories(api, runId, local);
        }
    }

    @Test
    void pointsSentWithoutAnAnswerAreCheckedNotSentTwice(MlflowServer server) throws Exception {
        String experiment = uniqueExperiment("in-doubt");
        Path runs = dir.resolve("runs");
        RunOutcome outcome = run(experimentFile(dir, experiment, server.uri(), "epochs = 30"), runs, new AtomicBoolean());
        StoredRun local = stored(runs, outcome.runId());
        MlflowTrackingApi api = api(server.uri());
        String runId = (String) state(local, server.uri()).get("run_id");
        int total = local.metrics().size();

        // as if the process died after sending points 10..total but before the answer: they are all on the server
        editState(local, server.uri(), Map.of("metrics_pushed", 10, "metrics_sending", total));
        assertEquals(MlflowSync.Outcome.PUSHED, new MlflowSync(api).sync(local, runs).outcome());
        assertSameHistories(api, runId, local);
        assertEquals(total, ((Number) state(local, server.uri()).get("metrics_pushed")).intValue());

        // as if mlflow.json were lost: the run is found by its genlab.run_id tag, its history checked point by point
        Files.delete(local.directory().resolve(MlflowSyncState.FILE));
        MlflowSync.Result result = new MlflowSync(api).sync(local, runs);
        assertEquals(MlflowSync.Outcome.PUSHED, result.outcome(), result.detail());
        assertEquals(runId, state(local, server.uri()).get("run_id"));
        assertEquals(1, serverRuns(api, experiment).size());
        assertSameHistories(api, runId, local);
    }

    @Test
    void aChildTrackedBeforeItsParentReachedMlflowIsNestedBySync(MlflowServer server) throws Exception {
        String experiment = uniqueExperiment("late-parent");
        LocalRunStore store = new LocalRunStore(dir.resolve("runs"));
        MlflowTrackingApi api = api(server.uri());
        long now = System.currentTimeMillis();
        RunInfo parent = new RunInfo(LocalRunStore.newRunId("sweep", now), "sweep", experiment, null, now);
        RunWriter parentWriter = store.create(parent);
        RunInfo child = new RunInfo(LocalRunStore.newRunId("trial-0", now + 1), "trial-0", experiment, parent.id(), now + 1);
        store.create(child).ended(RunStatus.FINISHED, null, now + 5);
        MlflowTracker tracker = new MlflowTracker(api, null, store.root(), null, null);
        tracker.started(child);
        tracker.ended(RunStatus.FINISHED, null, now + 5);
        parentWriter.ended(RunStatus.FINISHED, null, now + 10);
        assertEquals(null, pairs(serverRun(api, tracker.mlflowRunId()).path("data").path("tags")).get("mlflow.parentRunId"),
                "the parent was only local while the child ran");

        List<MlflowSync.Result> results = new MlflowSync(api).sync(store, List.of());
        assertEquals(List.of(MlflowSync.Outcome.PUSHED, MlflowSync.Outcome.PUSHED), results.stream().map(MlflowSync.Result::outcome).toList(),
                results.toString());
        String parentRunId = (String) state(stored(store.root(), parent.id()), server.uri()).get("run_id");
        assertEquals(parentRunId, pairs(serverRun(api, tracker.mlflowRunId()).path("data").path("tags")).get("mlflow.parentRunId"));
        assertEquals(List.of(MlflowSync.Outcome.UP_TO_DATE, MlflowSync.Outcome.UP_TO_DATE),
                new MlflowSync(api).sync(store, List.of()).stream().map(MlflowSync.Result::outcome).toList());
        assertEquals(2, serverRuns(api, experiment).size());
    }

    @Test
    void runsOfAnotherLiveProcessAreLeftAlone(MlflowServer server) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("runs/20260101-000000-live-abcdef"));
        Files.writeString(runDir.resolve("run.json"), "{\"id\":\"20260101-000000-live-abcdef\",\"name\":\"live\",\"experiment\":\"live\","
                + "\"status\":\"RUNNING\",\"start\":1,\"pid\":" + ProcessHandle.current().pid() + "}");
        List<MlflowSync.Result> results = new MlflowSync(api(server.uri())).sync(new LocalRunStore(dir.resolve("runs")), List.of());
        assertEquals(MlflowSync.Outcome.SKIPPED, results.get(0).outcome());
        assertFalse(Files.exists(runDir.resolve(MlflowSyncState.FILE)));
    }

    private static long pushedPoints(Path runs, URI server) throws IOException {
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        for (StoredRun r : new LocalRunStore(runs).list()) {
            Path f = r.directory().resolve(MlflowSyncState.FILE);
            if (Files.exists(f)) {
                try {
                    Object n = state(r, server).get("metrics_pushed");
                    return n instanceof Number num ? num.longValue() : 0;
                } catch (IOException halfWritten) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void editState(StoredRun run, URI server, Map<String, Object> changes) throws IOException {
        Path f = run.directory().resolve(MlflowSyncState.FILE);
        Map<String, Object> m = Json.readMap(f);
        ((Map<String, Object>) ((Map<String, Object>) m.get("servers")).get(server.toString())).putAll(changes);
        ((Map<String, Object>) ((Map<String, Object>) m.get("servers")).get(server.toString())).put("status_pushed", null);
        Json.write(f, m);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
