package dev.genlab.runtime.tracking.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.store.StoredRun.MetricPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs experiments of the test plugins against a server, and reads back what the server holds, over REST only. */
final class MlflowTestSupport {
    static final Genlab GENLAB = new Genlab(PluginRegistry.discover(List.of()));
    /** Fail fast against a dead server: the tests wait for nothing. */
    static final MlflowHttp.Settings QUICK = new MlflowHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(20), 2, Duration.ofMillis(100));
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private MlflowTestSupport() {
    }

    /** An experiment name no other test uses on the shared server. */
    static String uniqueExperiment(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000 + "-" + COUNTER.incrementAndGet();
    }

    static Path experimentFile(Path dir, String experiment, URI server, String model) throws IOException {
        Path f = dir.resolve(experiment + ".conf");
        Files.writeString(f, "name = " + experiment + "\nseed = 5\n"
                + "dataset { type = toy, rows = 120 }\n"
                + "model { type = bootstrap, " + model + " }\n"
                + "metrics = [mean-gap]\n"
                + "tracking.mlflow { uri = \"" + server + "\" }\n");
        return f;
    }

    static RunOutcome run(Path file, Path runs, AtomicBoolean cancelled) throws IOException {
        PreparedRun prepared = GENLAB.prepare(file, List.of(), RunListener.SILENT);
        return GENLAB.run(prepared, runs, GENLAB.mirrors(prepared, runs), RunListener.SILENT, cancelled);
    }

    static StoredRun stored(Path runs, String id) {
        try {
            return new LocalRunStore(runs).find(id).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MlflowTrackingApi api(URI server) {
        return new MlflowTrackingApi(new MlflowHttp(server, QUICK));
    }

    /** Every run of the experiment on the server (all of them: duplicates would show here). */
    static List<JsonNode> serverRuns(MlflowTrackingApi api, String experiment) {
        String id = api.experimentId(experiment);
        JsonNode r = api.http().post("runs/search", Map.of("experiment_ids", List.of(id), "max_results", 1000, "run_view_type", "ALL"));
        List<JsonNode> out = new ArrayList<>();
        r.path("runs").forEach(out::add);
        return out;
    }

    static JsonNode serverRun(MlflowTrackingApi api, String runId) {
        return api.http().get("runs/get", Map.of("run_id", runId)).path("run");
    }

    static Map<String, String> pairs(JsonNode list) {
        Map<String, String> out = new TreeMap<>();
        list.forEach(n -> out.put(n.path("key").asText(), n.path("value").asText()));
        return out;
    }

    /** The server's full metric histories of a run, each sorted by step and timestamp, keyed by metric. */
    static Map<String, List<MetricPoint>> serverHistories(MlflowTrackingApi api, String runId, List<MetricPoint> local) {
        Map<String, List<MetricPoint>> out = new TreeMap<>();
        for (String key : local.stream().map(MetricPoint::key).distinct().toList()) {
            List<MetricPoint> h = new ArrayList<>(api.metricHistory(runId, key));
            h.sort(ORDER);
            out.put(key, h);
        }
        return out;
    }

    static Map<String, List<MetricPoint>> localHistories(List<MetricPoint> local) {
        Map<String, List<MetricPoint>> out = new TreeMap<>();
        for (MetricPoint p : local) {
            out.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
        }
        out.values().forEach(l -> l.sort(ORDER));
        return out;
    }

    private static final Comparator<MetricPoint> ORDER = Comparator.comparingLong(MetricPoint::step).thenComparingLong(MetricPoint::timestamp)
            .thenComparingDouble(MetricPoint::value);

    /** Every local metric point is on the server exactly once, and nothing else is. */
    static void assertSameHistories(MlflowTrackingApi api, String runId, StoredRun run) throws IOException {
        List<MetricPoint> local = run.metrics();
        assertEquals(localHistories(local), serverHistories(api, runId, local), "metric histories of " + run.id());
        JsonNode metrics = serverRun(api, runId).path("data").path("metrics");
        assertEquals(localHistories(local).keySet().size(), metrics.size(), "metric keys on the server");
    }

    static Map<String, Object> state(StoredRun run, URI server) throws IOException {
        Map<String, Object> m = dev.genlab.runtime.util.Json.readMap(run.directory().resolve(MlflowSyncState.FILE));
        @SuppressWarnings("unchecked")
        Map<String, Object> servers = (Map<String, Object>) m.get("servers");
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) servers.get(server.toString());
        return s == null ? Map.of() : new LinkedHashMap<>(s);
    }
}
