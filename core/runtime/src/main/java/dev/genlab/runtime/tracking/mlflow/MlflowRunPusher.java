package dev.genlab.runtime.tracking.mlflow;

import dev.genlab.runtime.store.StoredRun.MetricPoint;
import dev.genlab.runtime.tracking.RunStatus;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes one local run to one MLflow server, recording each step in the run's {@link MlflowSyncState} so any
 * later attempt carries on where this one stopped. Used live by {@link MlflowTracker} and afterwards by
 * {@link MlflowSync}: one code path, so a run pushed in pieces ends up exactly like one pushed in one go.
 *
 * <p>Metric points are the lines of metrics.jsonl, in order; the state counts how many are on the server. A batch
 * is announced in the state before it is sent, so if the answer never comes (timeout, crash, server killed) the
 * next attempt reads the server's history and sends only what is missing: every point arrives exactly once.
 */
final class MlflowRunPusher {
    static final String RUN_ID_TAG = "genlab.run_id";

    private final MlflowTrackingApi api;
    private final String serverKey;
    private MlflowSyncState state;

    MlflowRunPusher(MlflowTrackingApi api, MlflowSyncState state) {
        this.api = api;
        this.serverKey = api.http().server().toString();
        this.state = state;
    }

    MlflowSyncState state() {
        return state;
    }

    void state(MlflowSyncState moved) {
        this.state = moved;
    }

    MlflowSyncState.Server server() {
        return state.server(serverKey);
    }

    String runId() {
        return server().runId;
    }

    /**
     * Creates the MLflow run, or adopts the one an earlier attempt created (found by the tag {@code genlab.run_id}
     * when the state was lost). An adopted run's metric history is unknown, so all of it is checked before sending.
     */
    void ensureRun(String experimentName, String localRunId, String runName, long startTime, Map<String, String> tags, String parentLocalId,
            Path storeRoot) {
        MlflowSyncState.Server s = server();
        if (s.hasRun()) {
            return;
        }
        String experimentId = api.experimentId(experimentName);
        Map<String, String> all = new LinkedHashMap<>(sanitizedTags(tags));
        all.put(RUN_ID_TAG, localRunId);
        Optional<String> parent = parentLocalId == null ? Optional.empty() : parentRunId(experimentId, parentLocalId, storeRoot);
        parent.ifPresent(p -> all.put(MlflowRunTags.PARENT, p));
        Optional<MlflowTrackingApi.RemoteRun> found = api.findRunByTag(experimentId, RUN_ID_TAG, localRunId);
        MlflowTrackingApi.RemoteRun run;
        if (found.isPresent()) {
            run = found.get();
            s.metricsPushed = 0;
            s.metricsSending = Long.MAX_VALUE;
        } else {
            run = api.createRun(experimentId, MlflowLimits.truncate(runName, MlflowLimits.RUN_NAME_LENGTH), startTime, all);
        }
        s.parentLinked = parent.isPresent() && found.isEmpty();
        s.experimentId = experimentId;
        s.runId = run.runId();
        s.artifactUri = run.artifactUri();
        state.save();
    }

    /** The MLflow id of a local parent run pushed to this server: from its mlflow.json, else by its tag. */
    Optional<String> parentRunId(String experimentId, String parentLocalId, Path storeRoot) {
        if (storeRoot != null && Files.isDirectory(storeRoot.resolve(parentLocalId))) {
            try {
                MlflowSyncState.Server parent = MlflowSyncState.load(storeRoot.resolve(parentLocalId)).existing(serverKey);
                if (parent != null) {
                    return Optional.of(parent.runId);
                }
            } catch (UncheckedIOException unreadable) {
                // ask the server instead
            }
        }
        return api.findRunByTag(experimentId, RUN_ID_TAG, parentLocalId).map(MlflowTrackingApi.RemoteRun::runId);
    }

    /** Tags a child run with its parent once the parent is on the server; true when linked (now or before). */
    boolean linkParent(String parentLocalId, Path storeRoot) {
        MlflowSyncState.Server s = server();
        if (s.parentLinked) {
            return true;
        }
        Optional<String> parent = parentRunId(s.experimentId, parentLocalId, storeRoot);
        if (parent.isEmpty()) {
            return false;
        }
        api.logBatch(runId(), List.of(), Map.of(), Map.of(MlflowRunTags.PARENT, parent.get()));
        s.parentLinked = true;
        state.save();
        return true;
    }

    void pushParams(Map<String, String> params) {
        Map<String, String> clean = new LinkedHashMap<>();
        params.forEach((k, v) -> clean.put(MlflowLimits.key(k), MlflowLimits.paramValue(v)));
        List<Map.Entry<String, String>> entries = new ArrayList<>(clean.entrySet());
        for (List<Map.Entry<String, String>> chunk : MlflowLimits.chunks(entries, MlflowLimits.PARAMS_OR_TAGS_PER_BATCH,
                e -> MlflowLimits.entryBytes(e.getKey(), e.getValue()))) {
            api.logBatch(runId(), List.of(), toMap(chunk), Map.of());
        }
        server().paramsPushed = true;
        state.save();
    }

    /** Tags are overwritten by the server, so pushing them again is harmless. */
    void pushTags(Map<String, String> tags) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(sanitizedTags(tags).entrySet());
        for (List<Map.Entry<String, String>> chunk : MlflowLimits.chunks(entries, MlflowLimits.PARAMS_OR_TAGS_PER_BATCH,
                e -> MlflowLimits.entryBytes(e.getKey(), e.getValue()))) {
            api.logBatch(runId(), List.of(), Map.of(), toMap(chunk));
        }
    }

    void pushInput(MlflowDatasetInput input) {
        api.logInput(runId(), input);
        server().inputsPushed = true;
        state.save();
    }

    /**
     * Sends the points not yet on the server. {@code points.get(i)} is line {@code firstIndex + i} of
     * metrics.jsonl; with points in doubt the whole history is needed ({@code firstIndex} 0) to check them.
     */
    void pushMetrics(List<MetricPoint> points, long firstIndex) {
        MlflowSyncState.Server s = server();
        long end = firstIndex + points.size();
        if (s.metricsInDoubt()) {
            if (firstIndex != 0) {
                throw new IllegalStateException("metric points in doubt need the whole history to be checked");
            }
            reconcile(points);
        }
        int from = (int) Math.max(0, s.metricsPushed - firstIndex);
        List<MetricPoint> todo = new ArrayList<>(points.size() - Math.min(from, points.size()));
        for (int i = from; i < points.size(); i++) {
            MetricPoint p = points.get(i);
            todo.add(new MetricPoint(MlflowLimits.key(p.key()), p.value(), p.step(), p.timestamp()));
        }
        for (List<MetricPoint> chunk : MlflowLimits.chunks(todo, MlflowLimits.METRICS_PER_BATCH, p -> 96 + p.key().length())) {
            s.metricsSending = s.metricsPushed + chunk.size();
            state.save();
            try {
                api.logBatch(runId(), chunk, Map.of(), Map.of());
            } catch (MlflowException e) {
                if (!(e.status() >= 500 || e.status() == 429)) {
                    throw e;
                }
                resendMissing(chunk);
            }
            s.metricsPushed = s.metricsSending;
            state.save();
        }
        if (s.metricsPushed < end) {
            throw new IllegalStateException("metric points " + s.metricsPushed + ".." + end + " were skipped");
        }
    }

    /**
     * Points {@code [pushed, sending)} may be on the server. For their keys, what the server holds beyond the
     * points known to be pushed are those that arrived; the others are sent now, then the doubt is lifted.
     */
    private void reconcile(List<MetricPoint> all) {
        MlflowSyncState.Server s = server();
        int pushed = (int) Math.min(s.metricsPushed, all.size());
        int doubtEnd = (int) Math.min(s.metricsSending, all.size());
        Set<String> keys = new HashSet<>();
        for (int i = pushed; i < doubtEnd; i++) {
            keys.add(MlflowLimits.key(all.get(i).key()));
        }
        Map<PointId, Integer> arrived = new HashMap<>();
        for (String key : keys) {
            for (MetricPoint p : api.metricHistory(runId(), key)) {
                arrived.merge(PointId.of(key, p), 1, Integer::sum);
            }
        }
        for (int i = 0; i < pushed; i++) {
            PointId id = PointId.of(MlflowLimits.key(all.get(i).key()), all.get(i));
            if (keys.contains(id.key())) {
                arrived.merge(id, -1, Integer::sum);
            }
        }
        List<MetricPoint> missing = new ArrayList<>();
        for (int i = pushed; i < doubtEnd; i++) {
            MetricPoint p = all.get(i);
            String key = MlflowLimits.key(p.key());
            PointId id = PointId.of(key, p);
            if (arrived.getOrDefault(id, 0) > 0) {
                arrived.merge(id, -1, Integer::sum);
            } else {
                missing.add(new MetricPoint(key, p.value(), p.step(), p.timestamp()));
            }
        }
        // resending these fails or succeeds as a whole per batch; if it fails the doubt stays and is checked again
        for (List<MetricPoint> chunk : MlflowLimits.chunks(missing, MlflowLimits.METRICS_PER_BATCH, p -> 96 + p.key().length())) {
            api.logBatch(runId(), chunk, Map.of(), Map.of());
        }
        s.metricsPushed = doubtEnd;
        s.metricsSending = doubtEnd;
        state.save();
    }

    /**
     * A batch the server answered with 5xx or 429 may still be applied, in part or whole: after a pause, the
     * server's history of its keys is read and only the points it lacks are sent, once (a failure then leaves the
     * batch in doubt for the next attempt's {@link #reconcile}). A point counts as arrived when the server holds a
     * point with the same key, step, timestamp and value (only a point identical in all four logged earlier could be
     * mistaken for it).
     */
    private void resendMissing(List<MetricPoint> chunk) {
        api.http().sleep(api.http().settings().firstBackoff().toMillis(), "a retry of runs/log-batch");
        Map<PointId, Integer> onServer = new HashMap<>();
        for (String key : chunk.stream().map(MetricPoint::key).distinct().toList()) {
            for (MetricPoint p : api.metricHistory(runId(), key)) {
                onServer.merge(PointId.of(key, p), 1, Integer::sum);
            }
        }
        List<MetricPoint> missing = new ArrayList<>();
        for (MetricPoint p : chunk) {
            PointId id = PointId.of(p.key(), p);
            if (onServer.getOrDefault(id, 0) > 0) {
                onServer.merge(id, -1, Integer::sum);
            } else {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            api.logBatch(runId(), missing, Map.of(), Map.of());
        }
    }

    /** Identity of a metric point on the server: MLflow stores exactly these four fields. */
    private record PointId(String key, long step, long timestamp, long valueBits) {
        static PointId of(String key, MetricPoint p) {
            return new PointId(key, p.step(), p.timestamp(), Double.doubleToLongBits(p.value()));
        }
    }

    void pushArtifact(String path, Path file) {
        api.http().upload(artifactRoot() + "/" + path, file);
        server().artifactsPushed.add(path);
        state.save();
    }

    /** The run's artifact directory under the server's artifact proxy; a clear error if there is none. */
    String artifactRoot() {
        String uri = server().artifactUri;
        if (uri != null && uri.startsWith("mlflow-artifacts:")) {
            String path = URI.create(uri).getPath();
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
            return path;
        }
        throw new MlflowException("the MLflow server " + api.http().server() + " does not serve artifacts (this run's artifact location is '"
                + uri + "'), so genlab cannot upload them over HTTP; start the server with '--serve-artifacts --artifacts-destination DIR' "
                + "and without '--default-artifact-root', then run 'genlab sync'", 400, "ARTIFACTS_NOT_SERVED", null);
    }

    /** The artifacts of a run's model: its MLmodel file last, once everything it names is there. */
    static final String MODEL_FILE = "model/" + dev.genlab.runtime.model.ModelCard.MLMODEL_FILE;

    /**
     * Once the model's files are on the server: tags the run with {@code mlflow.log-model.history} (what the MLflow
     * UI lists as the run's model) and, when {@code register} names a registered model, makes a version of it from
     * {@code <artifact_uri>/model} — once, also across attempts (found by run id if the state was lost).
     */
    void finishModel(Path runDirectory, String register) {
        MlflowSyncState.Server s = server();
        if (runDirectory == null || !s.artifactsPushed.contains(MODEL_FILE) || (s.modelLogged && (register == null || s.modelRegistered != null))) {
            return;
        }
        Path modelDir = runDirectory.resolve(dev.genlab.runtime.store.RunWriter.ARTIFACTS_DIR).resolve("model");
        dev.genlab.runtime.model.ModelCard card;
        try {
            card = dev.genlab.runtime.model.ModelCard.read(modelDir);
        } catch (java.io.IOException | RuntimeException e) {
            throw new MlflowException("cannot read the model card in " + modelDir + ": " + e.getMessage(), 0, null, null);
        }
        for (String f : card.files().stream().map(o -> "model/" + o.path()).toList()) {
            if (!s.artifactsPushed.contains(f)) {
                return;
            }
        }
        if (!s.modelLogged) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("run_id", runId());
            entry.put("artifact_path", "model");
            entry.put("utc_time_created", String.valueOf(card.provenance("created")));
            entry.put("model_uuid", dev.genlab.runtime.model.ModelPackage.uuid(card).toString());
            entry.put("flavors", dev.genlab.runtime.model.ModelPackage.flavors(card));
            api.logBatch(runId(), List.of(), Map.of(), Map.of("mlflow.log-model.history", dev.genlab.runtime.util.Json.compact(List.of(entry))));
            s.modelLogged = true;
            state.save();
        }
        if (register != null && s.modelRegistered == null) {
            api.ensureRegisteredModel(register);
            List<MlflowTrackingApi.ModelVersion> existing = api.modelVersions(register, runId());
            MlflowTrackingApi.ModelVersion v = existing.isEmpty() ? api.createModelVersion(register, s.artifactUri + "/model", runId()) : existing.get(0);
            s.modelRegistered = register + "/" + v.version();
            state.save();
        }
    }

    void pushStatus(RunStatus status, long endTime) {
        api.endRun(runId(), status.name(), endTime);
        server().statusPushed = status.name();
        state.save();
    }

    static Map<String, String> sanitizedTags(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((k, v) -> out.put(MlflowLimits.key(k), MlflowLimits.tagValue(v)));
        return out;
    }

    private static Map<String, String> toMap(List<Map.Entry<String, String>> entries) {
        Map<String, String> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}
