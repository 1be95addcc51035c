package dev.genlab.runtime.tracking.mlflow;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.genlab.runtime.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What of a local run has reached which MLflow server: {@code mlflow.json} in the run's directory, one entry per
 * server URI. It is what makes {@code genlab sync} idempotent:
 *
 * <pre>
 * {
 *   "servers": {
 *     "http://127.0.0.1:5000": {
 *       "experiment_id": "1", "run_id": "…", "artifact_uri": "mlflow-artifacts:/1/…/artifacts",
 *       "params_pushed": true, "inputs_pushed": true,
 *       "parent_linked": false,     a child run whose parent was not on the server yet gets its mlflow.parentRunId later
 *       "metrics_pushed": 120,      the first 120 lines of metrics.jsonl are on the server
 *       "metrics_sending": 150,     lines 120..149 were sent without an answer: maybe applied (checked before resending)
 *       "artifacts_pushed": ["config.conf", "synthetic.csv"],
 *       "status_pushed": "FINISHED",
 *       "model_logged": true,       the run's model is tagged for MLflow's Models column
 *       "model_registered": "adult/3"   the registered model version made from it (tracking.mlflow.register)
 *     }
 *   },
 *   "dataset": { … }            the run input as the live tracker knew it (with the column schema)
 * }
 * </pre>
 *
 * Written atomically after every change, so a crash at any point leaves a true (if conservative) record.
 */
final class MlflowSyncState {
    static final String FILE = "mlflow.json";

    /** The record for one server. */
    static final class Server {
        String experimentId;
        String runId;
        String artifactUri;
        boolean paramsPushed;
        boolean inputsPushed;
        boolean parentLinked;
        long metricsPushed;
        long metricsSending;
        final TreeSet<String> artifactsPushed = new TreeSet<>();
        String statusPushed;
        /** The run's {@code mlflow.log-model.history} tag is set: MLflow shows its model. */
        boolean modelLogged;
        /** The registered model version made from this run ("name/version"), once made. */
        String modelRegistered;

        boolean hasRun() {
            return runId != null;
        }

        /** Some metric points were sent without an answer: they may or may not be on the server. */
        boolean metricsInDoubt() {
            return metricsSending > metricsPushed;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("experiment_id", experimentId);
            m.put("run_id", runId);
            m.put("artifact_uri", artifactUri);
            m.put("params_pushed", paramsPushed);
            m.put("inputs_pushed", inputsPushed);
            m.put("parent_linked", parentLinked);
            m.put("metrics_pushed", metricsPushed);
            m.put("metrics_sending", metricsSending);
            m.put("artifacts_pushed", new ArrayList<>(artifactsPushed));
            m.put("status_pushed", statusPushed);
            m.put("model_logged", modelLogged);
            if (modelRegistered != null) {
                m.put("model_registered", modelRegistered);
            }
            return m;
        }

        @SuppressWarnings("unchecked")
        static Server fromJson(Map<String, Object> m) {
            Server s = new Server();
            s.experimentId = (String) m.get("experiment_id");
            s.runId = (String) m.get("run_id");
            s.artifactUri = (String) m.get("artifact_uri");
            s.paramsPushed = Boolean.TRUE.equals(m.get("params_pushed"));
            s.inputsPushed = Boolean.TRUE.equals(m.get("inputs_pushed"));
            s.parentLinked = Boolean.TRUE.equals(m.get("parent_linked"));
            s.metricsPushed = m.get("metrics_pushed") instanceof Number n ? n.longValue() : 0;
            s.metricsSending = m.get("metrics_sending") instanceof Number n ? n.longValue() : s.metricsPushed;
            if (m.get("artifacts_pushed") instanceof List<?> l) {
                l.forEach(a -> s.artifactsPushed.add(String.valueOf(a)));
            }
            s.statusPushed = (String) m.get("status_pushed");
            s.modelLogged = Boolean.TRUE.equals(m.get("model_logged"));
            s.modelRegistered = (String) m.get("model_registered");
            return s;
        }
    }

    private final Path file;
    private final Map<String, Server> servers = new TreeMap<>();
    private MlflowDatasetInput dataset;

    private MlflowSyncState(Path file) {
        this.file = file;
    }

    /** The state in {@code runDirectory}, empty if none; {@code runDirectory} null keeps it in memory only. */
    @SuppressWarnings("unchecked")
    static MlflowSyncState load(Path runDirectory) {
        MlflowSyncState state = new MlflowSyncState(runDirectory == null ? null : runDirectory.resolve(FILE));
        if (state.file != null && Files.exists(state.file)) {
            try {
                Map<String, Object> m = Json.MAPPER.readValue(state.file.toFile(), new TypeReference<Map<String, Object>>() { });
                if (m.get("servers") instanceof Map<?, ?> servers) {
                    servers.forEach((k, v) -> state.servers.put((String) k, Server.fromJson((Map<String, Object>) v)));
                }
                if (m.get("dataset") instanceof Map<?, ?> d) {
                    state.dataset = MlflowDatasetInput.fromJson((Map<String, Object>) d);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + state.file + "; delete it to push the run again from the start", e);
            }
        }
        return state;
    }

    Server server(String uri) {
        return servers.computeIfAbsent(uri, k -> new Server());
    }

    /** The record for {@code uri}, or null if nothing was ever pushed there. */
    Server existing(String uri) {
        Server s = servers.get(uri);
        return s != null && s.hasRun() ? s : null;
    }

    MlflowDatasetInput dataset() {
        return dataset;
    }

    void dataset(MlflowDatasetInput input) {
        this.dataset = input;
    }

    /** Where the state lives, or null while it is only in memory. */
    Path file() {
        return file;
    }

    /** The same state, from now on saved in {@code runDirectory}. */
    MlflowSyncState movedTo(Path runDirectory) {
        MlflowSyncState moved = new MlflowSyncState(runDirectory.resolve(FILE));
        moved.servers.putAll(servers);
        moved.dataset = dataset;
        return moved;
    }

    void save() {
        if (file == null) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        servers.forEach((k, v) -> s.put(k, v.toJson()));
        m.put("servers", s);
        if (dataset != null) {
            m.put("dataset", dataset.toJson());
        }
        try {
            Json.write(file, m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
