package dev.genlab.runtime.tracking.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genlab.runtime.store.StoredRun.MetricPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MLflow REST calls genlab makes ({@code /api/2.0/mlflow/...}), over {@link MlflowHttp}. Values are made to
 * fit {@link MlflowLimits} by the callers; this class only speaks the protocol.
 */
public final class MlflowTrackingApi {
    /** A run as the server knows it. */
    public record RemoteRun(String runId, String experimentId, String artifactUri, String status, Map<String, String> tags, long startTime) {
    }

    private final MlflowHttp http;

    public MlflowTrackingApi(MlflowHttp http) {
        this.http = http;
    }

    public MlflowHttp http() {
        return http;
    }

    /** The id of the experiment with this name, created if needed (also when another client creates it meanwhile). */
    public String experimentId(String name) {
        Optional<String> existing = findExperiment(name);
        String id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            try {
                id = http.post("experiments/create", Map.of("name", name, "tags", keyValues(Map.of(EXPERIMENT_KIND, MODEL_DEVELOPMENT))))
                        .path("experiment_id").asText();
                return id;
            } catch (MlflowException e) {
                if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                    throw e;
                }
                id = findExperiment(name).orElseThrow(() -> e);
            }
        }
        // an experiment made before (or by another client): MLflow 3's UI opens it in the model-training view only with this tag
        http.post("experiments/set-experiment-tag", Map.of("experiment_id", id, "key", EXPERIMENT_KIND, "value", MODEL_DEVELOPMENT));
        return id;
    }

    /** The experiment tag MLflow 3's UI reads to choose its view, and the value for model training (not GenAI). */
    static final String EXPERIMENT_KIND = "mlflow.experimentKind";
    static final String MODEL_DEVELOPMENT = "custom_model_development";

    private Optional<String> findExperiment(String name) {
        try {
            JsonNode e = http.get("experiments/get-by-name", Map.of("experiment_name", name)).path("experiment");
            if ("deleted".equals(e.path("lifecycle_stage").asText())) {
                throw new MlflowException("MLflow experiment '" + name + "' on " + http.server() + " is deleted; restore it in the MLflow UI "
                        + "(or 'mlflow experiments restore --experiment-id " + e.path("experiment_id").asText() + "'), or set tracking.mlflow.experiment",
                        400, "INVALID_STATE", null);
            }
            return Optional.of(e.path("experiment_id").asText());
        } catch (MlflowException e) {
            if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode()) || e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public RemoteRun createRun(String experimentId, String runName, long startTime, Map<String, String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment_id", experimentId);
        body.put("run_name", runName);
        body.put("start_time", startTime);
        body.put("tags", keyValues(tags));
        return remoteRun(http.post("runs/create", body).path("run"));
    }

    public RemoteRun getRun(String runId) {
        return remoteRun(http.get("runs/get", Map.of("run_id", runId)).path("run"));
    }

    /** The active run of the experiment whose tag {@code key} is {@code value}, if any. */
    public Optional<RemoteRun> findRunByTag(String experimentId, String key, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment_ids", List.of(experimentId));
        body.put("filter", "tags.`" + key + "` = '" + value.replace("'", "\\'") + "'");
        body.put("run_view_type", "ACTIVE_ONLY");
        body.put("max_results", 2);
        JsonNode runs = http.post("runs/search", body).path("runs");
        return runs.isEmpty() ? Optional.empty() : Optional.of(remoteRun(runs.get(0)));
    }

    /** One {@code runs/log-batch}; the caller keeps it within {@link MlflowLimits}. */
    public void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        if (!metrics.isEmpty()) {
            List<Map<String, Object>> m = new ArrayList<>(metrics.size());
            for (MetricPoint p : metrics) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("key", p.key());
                // the server's JSON parser (protobuf) takes non-finite doubles as the strings "NaN", "Infinity"
                e.put("value", Double.isFinite(p.value()) ? (Object) p.value() : String.valueOf(p.value()));
                e.put("timestamp", p.timestamp());
                e.put("step", p.step());
                m.add(e);
            }
            body.put("metrics", m);
        }
        if (!params.isEmpty()) {
            body.put("params", keyValues(params));
        }
        if (!tags.isEmpty()) {
            body.put("tags", keyValues(tags));
        }
        http.post("runs/log-batch", body);
    }

    public void endRun(String runId, String status, long endTime) {
        http.post("runs/update", Map.of("run_id", runId, "status", status, "end_time", endTime));
    }

    /** {@code runs/log-inputs} with one dataset (the Java client has no method for it). */
    public void logInput(String runId, MlflowDatasetInput input) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", input.name());
        dataset.put("digest", input.digest());
        dataset.put("source_type", input.sourceType());
        dataset.put("source", input.source());
        if (input.schema() != null) {
            dataset.put("schema", input.schema());
        }
        if (input.profile() != null) {
            dataset.put("profile", input.profile());
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("tags", keyValues(Map.of("mlflow.data.context", input.context())));
        entry.put("dataset", dataset);
        http.post("runs/log-inputs", Map.of("run_id", runId, "datasets", List.of(entry)));
    }

    /** Every point of a metric's history, paging through the server's answer. */
    public List<MetricPoint> metricHistory(String runId, String key) {
        List<MetricPoint> out = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("run_id", runId);
            q.put("metric_key", key);
            q.put("max_results", "25000");
            if (token != null) {
                q.put("page_token", token);
            }
            JsonNode r = http.get("metrics/get-history", q);
            for (JsonNode m : r.path("metrics")) {
                out.add(new MetricPoint(m.path("key").asText(), number(m.path("value")), m.path("step").asLong(), m.path("timestamp").asLong()));
            }
            token = r.hasNonNull("next_page_token") && !r.path("next_page_token").asText().isEmpty() ? r.path("next_page_token").asText() : null;
        } while (token != null);
        return out;
    }

    /** Creates the registered model if it does not exist yet (also when another client creates it meanwhile). */
    public void ensureRegisteredModel(String name) {
        try {
            http.post("registered-models/create", Map.of("name", name));
        } catch (MlflowException e) {
            if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                throw e;
            }
        }
    }

    /** A registered model's version. */
    public record ModelVersion(String name, String version, String source, String runId) {
    }

    /** The versions of {@code name} made from {@code runId}; how a second push finds the version the first one made. */
    public List<ModelVersion> modelVersions(String name, String runId) {
        JsonNode r = http.get("model-versions/search", Map.of("filter", "name = '" + name.replace("'", "\\'") + "' and run_id = '" + runId + "'",
                "max_results", "100"));
        List<ModelVersion> out = new ArrayList<>();
        r.path("model_versions").forEach(v -> out.add(modelVersion(v)));
        return out;
    }

    public ModelVersion createModelVersion(String name, String source, String runId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source", source);
        body.put("run_id", runId);
        return modelVersion(http.post("model-versions/create", body).path("model_version"));
    }

    public ModelVersion modelVersion(String name, String version) {
        return modelVersion(http.get("model-versions/get", Map.of("name", name, "version", version)).path("model_version"));
    }

    private static ModelVersion modelVersion(JsonNode v) {
        return new ModelVersion(v.path("name").asText(), v.path("version").asText(), v.path("source").asText(), v.path("run_id").asText());
    }

    /** Ids of every active experiment on the server. */
    public List<String> experimentIds() {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("max_results", 1000);
            body.put("view_type", "ACTIVE_ONLY");
            if (token != null) {
                body.put("page_token", token);
            }
            JsonNode r = http.post("experiments/search", body);
            r.path("experiments").forEach(e -> out.add(e.path("experiment_id").asText()));
            token = r.path("next_page_token").asText("");
            token = token.isEmpty() ? null : token;
        } while (token != null);
        return out;
    }

    /** Runs of any experiment that have the tag {@code key} (whatever its value), newest first. */
    public List<RemoteRun> runsWithTag(String key) {
        List<RemoteRun> out = new ArrayList<>();
        List<String> ids = experimentIds();
        for (int i = 0; i < ids.size(); i += 100) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("experiment_ids", ids.subList(i, Math.min(ids.size(), i + 100)));
            body.put("filter", "tags.`" + key + "` LIKE '%'");
            body.put("run_view_type", "ACTIVE_ONLY");
            body.put("max_results", 10);
            http.post("runs/search", body).path("runs").forEach(r -> out.add(remoteRun(r)));
        }
        return out;
    }

    static double number(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
    }

    private static RemoteRun remoteRun(JsonNode run) {
        JsonNode info = run.path("info");
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : run.path("data").path("tags")) {
            tags.put(t.path("key").asText(), t.path("value").asText());
        }
        return new RemoteRun(info.path("run_id").asText(), info.path("experiment_id").asText(), info.path("artifact_uri").asText(),
                info.path("status").asText(), tags, info.path("start_time").asLong());
    }

    private static List<Map<String, String>> keyValues(Map<String, String> values) {
        List<Map<String, String>> out = new ArrayList<>(values.size());
        values.forEach((k, v) -> out.add(Map.of("key", k, "value", v)));
        return out;
    }
}
