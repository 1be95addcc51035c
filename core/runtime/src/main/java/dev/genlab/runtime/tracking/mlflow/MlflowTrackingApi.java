package dev.genlab.runtime.tracking.mlflow;

import dev.genlab.runtime.store.StoredRun.MetricPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.api.proto.Service;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow_project.google.protobuf.InvalidProtocolBufferException;
import org.mlflow_project.google.protobuf.Message;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * The tracking calls genlab makes: experiments, runs, params, metrics, tags, inputs, status, search and the model
 * registry, each made by the MLflow Java client ({@link org.mlflow.tracking.MlflowClient}) through
 * {@link MlflowClientCalls} (timeouts, retries only where nothing can be applied twice, cancellation). Where the
 * client has no method ({@code runs/log-inputs}, {@code registered-models/create}, {@code model-versions/create})
 * the request is the client's own protobuf message, sent by the client's {@code sendPost}. Artifacts go through the
 * artifact proxy with {@link MlflowHttp}. Values are made to fit {@link MlflowLimits} by the callers.
 */
public final class MlflowTrackingApi {
    /** A run as the server knows it. */
    public record RemoteRun(String runId, String experimentId, String artifactUri, String status, Map<String, String> tags, long startTime) {
    }

    /** A registered model's version. */
    public record ModelVersion(String name, String version, String source, String runId) {
    }

    /** The experiment tag MLflow 3's UI reads to choose its view, and the value for model training (not GenAI). */
    static final String EXPERIMENT_KIND = "mlflow.experimentKind";
    static final String MODEL_DEVELOPMENT = "custom_model_development";

    private final MlflowHttp http;
    private final MlflowClientCalls calls;

    public MlflowTrackingApi(MlflowHttp http) {
        this.http = http;
        this.calls = http.calls();
    }

    public MlflowHttp http() {
        return http;
    }

    /** The id of the experiment with this name, created if needed (also when another client creates it meanwhile), tagged for the model-training view. */
    public String experimentId(String name) {
        Optional<String> existing = findExperiment(name);
        String id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            try {
                Service.CreateExperiment create = Service.CreateExperiment.newBuilder().setName(name)
                        .addTags(Service.ExperimentTag.newBuilder().setKey(EXPERIMENT_KIND).setValue(MODEL_DEVELOPMENT)).build();
                return calls.call("POST experiments/create", true, c -> c.createExperiment(create));
            } catch (MlflowException e) {
                if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                    throw e;
                }
                id = findExperiment(name).orElseThrow(() -> e);
            }
        }
        // an experiment made before (or by another client): MLflow 3's UI opens it in the model-training view only with this tag
        String experimentId = id;
        calls.call("POST experiments/set-experiment-tag", true, c -> {
            c.setExperimentTag(experimentId, EXPERIMENT_KIND, MODEL_DEVELOPMENT);
            return null;
        });
        return id;
    }

    private Optional<String> findExperiment(String name) {
        Optional<Service.Experiment> found = calls.call("GET experiments/get-by-name", true, c -> c.getExperimentByName(name));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Service.Experiment e = found.get();
        if ("deleted".equals(e.getLifecycleStage())) {
            throw new MlflowException("MLflow experiment '" + name + "' on " + http.server() + " is deleted; restore it in the MLflow UI "
                    + "(or 'mlflow experiments restore --experiment-id " + e.getExperimentId() + "'), or set tracking.mlflow.experiment",
                    400, "INVALID_STATE", null);
        }
        return Optional.of(e.getExperimentId());
    }

    /** Not retried after it may have reached the server: a second run would be made ({@link MlflowRunPusher} looks for it by tag instead). */
    public RemoteRun createRun(String experimentId, String runName, long startTime, Map<String, String> tags) {
        Service.CreateRun.Builder create = Service.CreateRun.newBuilder().setExperimentId(experimentId).setRunName(runName).setStartTime(startTime);
        tags.forEach((k, v) -> create.addTags(Service.RunTag.newBuilder().setKey(k).setValue(v)));
        Service.RunInfo info = calls.call("POST runs/create", false, c -> c.createRun(create.build()));
        return new RemoteRun(info.getRunId(), info.getExperimentId(), info.getArtifactUri(), info.getStatus().name(), new LinkedHashMap<>(tags),
                info.getStartTime());
    }

    public RemoteRun getRun(String runId) {
        return remoteRun(calls.call("GET runs/get", true, c -> c.getRun(runId)));
    }

    /** The active run of the experiment whose tag {@code key} is {@code value}, if any. */
    public Optional<RemoteRun> findRunByTag(String experimentId, String key, String value) {
        String filter = "tags.`" + key + "` = '" + value.replace("'", "\\'") + "'";
        List<Service.Run> runs = calls.call("POST runs/search", true, c -> c.searchRuns(List.of(experimentId), filter, ViewType.ACTIVE_ONLY, 2).getItems());
        return runs.isEmpty() ? Optional.empty() : Optional.of(remoteRun(runs.get(0)));
    }

    /**
     * One {@code runs/log-batch}; the caller keeps it within {@link MlflowLimits}. Params and tags alone may be sent
     * twice (the server keeps one of each); a batch with metric points is never retried here, since the server may
     * have applied it: {@link MlflowRunPusher} checks the server's history before resending.
     */
    public void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
        List<Service.Metric> m = new ArrayList<>(metrics.size());
        for (MetricPoint p : metrics) {
            m.add(Service.Metric.newBuilder().setKey(p.key()).setValue(p.value()).setTimestamp(p.timestamp()).setStep(p.step()).build());
        }
        List<Service.Param> ps = new ArrayList<>(params.size());
        params.forEach((k, v) -> ps.add(Service.Param.newBuilder().setKey(k).setValue(v).build()));
        List<Service.RunTag> ts = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> ts.add(Service.RunTag.newBuilder().setKey(k).setValue(v).build()));
        calls.call("POST runs/log-batch", metrics.isEmpty(), c -> {
            c.logBatch(runId, m, ps, ts);
            return null;
        });
    }

    public void endRun(String runId, String status, long endTime) {
        calls.call("POST runs/update", true, c -> {
            c.setTerminated(runId, Service.RunStatus.valueOf(status), endTime);
            return null;
        });
    }

    /** {@code runs/log-inputs} with one dataset (the Java client has the message but no method for it). */
    public void logInput(String runId, MlflowDatasetInput input) {
        Service.Dataset.Builder dataset = Service.Dataset.newBuilder().setName(input.name()).setDigest(input.digest()).setSourceType(input.sourceType())
                .setSource(input.source());
        if (input.schema() != null) {
            dataset.setSchema(input.schema());
        }
        if (input.profile() != null) {
            dataset.setProfile(input.profile());
        }
        Service.LogInputs request = Service.LogInputs.newBuilder().setRunId(runId).addDatasets(Service.DatasetInput.newBuilder()
                .addTags(Service.InputTag.newBuilder().setKey("mlflow.data.context").setValue(input.context())).setDataset(dataset)).build();
        for (int attempt = 1; ; attempt++) {
            try {
                post("runs/log-inputs", true, request);
                return;
            } catch (MlflowException e) {
                if (attempt >= DATASET_RACE_ATTEMPTS || !isDatasetRace(e)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MlflowException("runs/log-inputs to " + http.server() + " was interrupted", 0, null, e);
            }
        }
    }

    /** How often {@link #logInput} sends a request that lost {@link #isDatasetRace the dataset race}. */
    static final int DATASET_RACE_ATTEMPTS = 3;

    /**
     * Two runs logging the same dataset at the same moment (a sweep's trials finishing together, on a cluster or as
     * processes) race inside the MLflow server: it looks the dataset up, does not find it, and both insert it; the
     * loser gets HTTP 400 from the database's unique constraint ({@code (sqlite3.IntegrityError) UNIQUE constraint
     * failed: datasets.experiment_id, datasets.name, datasets.digest}). The row exists by then, so the same request,
     * sent again, succeeds. Seen in TestSparkSweeps: the trial's run was left RUNNING in MLflow.
     */
    static boolean isDatasetRace(MlflowException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return e.status() == 400 && m.contains("datasets") && (m.contains("IntegrityError") || m.contains("UNIQUE constraint")
                || m.contains("unique constraint") || m.contains("Duplicate entry"));
    }

    /** Every point of a metric's history (the server sends all of them when no page size is asked for). */
    public List<MetricPoint> metricHistory(String runId, String key) {
        List<Service.Metric> metrics = calls.call("GET metrics/get-history", true, c -> c.getMetricHistory(runId, key));
        List<MetricPoint> out = new ArrayList<>(metrics.size());
        for (Service.Metric m : metrics) {
            out.add(new MetricPoint(m.getKey(), m.getValue(), m.getStep(), m.getTimestamp()));
        }
        return out;
    }

    /** Creates the registered model if it does not exist yet (also when another client creates it meanwhile). */
    public void ensureRegisteredModel(String name) {
        try {
            post("registered-models/create", true, ModelRegistry.CreateRegisteredModel.newBuilder().setName(name).build());
        } catch (MlflowException e) {
            if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                throw e;
            }
        }
    }

    /** The versions of {@code name} made from {@code runId}; how a second push finds the version the first one made. */
    public List<ModelVersion> modelVersions(String name, String runId) {
        String filter = "name = '" + name + "' and run_id = '" + runId + "'";
        return calls.call("GET model-versions/search", true, c -> c.searchModelVersions(filter).getItems()).stream().map(MlflowTrackingApi::modelVersion)
                .toList();
    }

    /** Not retried after it may have reached the server: the caller searches for the version before making one. */
    public ModelVersion createModelVersion(String name, String source, String runId) {
        String json = post("model-versions/create", false, ModelRegistry.CreateModelVersion.newBuilder().setName(name).setSource(source).setRunId(runId)
                .build());
        ModelRegistry.CreateModelVersion.Response.Builder response = ModelRegistry.CreateModelVersion.Response.newBuilder();
        parse(json, response);
        return modelVersion(response.getModelVersion());
    }

    public ModelVersion modelVersion(String name, String version) {
        return modelVersion(calls.call("GET model-versions/get", true, c -> c.getModelVersion(name, version)));
    }

    private static ModelVersion modelVersion(ModelRegistry.ModelVersion v) {
        return new ModelVersion(v.getName(), v.getVersion(), v.getSource(), v.getRunId());
    }

    /** Ids of every active experiment on the server. */
    public List<String> experimentIds() {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ExperimentsPage p = calls.call("POST experiments/search", true, c -> c.searchExperiments(null, ViewType.ACTIVE_ONLY, 1000, List.of(), page));
            p.getItems().forEach(e -> out.add(e.getExperimentId()));
            token = p.getNextPageToken().filter(t -> !t.isEmpty()).orElse(null);
        } while (token != null);
        return out;
    }

    /** Runs of any experiment that have the tag {@code key} (whatever its value). */
    public List<RemoteRun> runsWithTag(String key) {
        List<RemoteRun> out = new ArrayList<>();
        List<String> ids = experimentIds();
        for (int i = 0; i < ids.size(); i += 100) {
            List<String> some = ids.subList(i, Math.min(ids.size(), i + 100));
            calls.call("POST runs/search", true, c -> c.searchRuns(some, "tags.`" + key + "` LIKE '%'", ViewType.ACTIVE_ONLY, 10).getItems())
                    .forEach(r -> out.add(remoteRun(r)));
        }
        return out;
    }

    /** A request the client has a message for but no method: the message as JSON, through the client's {@code sendPost}. */
    private String post(String endpoint, boolean idempotent, Message request) {
        String json;
        try {
            json = JsonFormat.printer().preservingProtoFieldNames().print(request);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot encode a request to " + endpoint, e);
        }
        return calls.call("POST " + endpoint, idempotent, c -> c.sendPost(endpoint, json));
    }

    private void parse(String json, Message.Builder into) {
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(json, into);
        } catch (InvalidProtocolBufferException e) {
            throw new MlflowException("the answer of " + http.server() + " is not what MLflow sends (is this an MLflow server?): " + e.getMessage(), 0, null, e);
        }
    }

    private static RemoteRun remoteRun(Service.Run run) {
        Service.RunInfo info = run.getInfo();
        Map<String, String> tags = new LinkedHashMap<>();
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        return new RemoteRun(info.getRunId(), info.getExperimentId(), info.getArtifactUri(), info.getStatus().name(), tags, info.getStartTime());
    }
}
