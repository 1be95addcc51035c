package dev.genlab.runtime.tracking.mlflow;

import dev.genlab.runtime.config.ExperimentSettings;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.store.StoredRun.MetricPoint;
import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.tracking.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a run to an MLflow tracking server as it happens. The local store has already recorded every call
 * when this one gets it, so this tracker never throws: the first failure to reach the server is reported once (one
 * line, no stack trace) and the tracker goes quiet; {@code genlab sync} pushes the rest later from the local
 * store, starting where this one stopped (see {@link MlflowSyncState}).
 *
 * <p>Metric points are buffered and sent in {@code runs/log-batch} requests: when 1000 are waiting, when the
 * oldest has waited {@link #FLUSH_MILLIS}, and when the run ends. Parameters, tags, the dataset input and each
 * artifact are sent as they come. A server without artifact serving loses the artifacts only (reported once).
 */
public final class MlflowTracker implements RunTracker {
    private static final Logger log = LoggerFactory.getLogger(MlflowTracker.class);
    static final long FLUSH_MILLIS = 2000;

    private final MlflowTrackingApi api;
    private final String experimentName;
    private final Path storeRoot;
    private final MlflowDatasetInput dataset;
    private final String sourceName;
    private final String register;

    private RunInfo info;
    private Path runDirectory;
    private MlflowRunPusher pusher;
    private final Map<String, String> genlabTags = new LinkedHashMap<>();
    private final List<MetricPoint> buffer = new ArrayList<>();
    private long metricsSeen;
    private long oldestBuffered;
    private boolean disconnected;
    /** The run was cancelled while a request was waiting on the server: nothing more is sent but its end. */
    private boolean abandoned;
    private boolean artifactsBroken;

    /**
     * @param experimentName the MLflow experiment, or null for the run's experiment name
     * @param storeRoot      the local run store holding the run (its directory gets the sync state), or null
     * @param dataset        the run input to log, or null
     * @param sourceName     the experiment file, shown as the run's source
     */
    public MlflowTracker(MlflowTrackingApi api, String experimentName, Path storeRoot, MlflowDatasetInput dataset, String sourceName) {
        this(api, experimentName, storeRoot, dataset, sourceName, null);
    }

    /** @param register the registered model the run's model becomes a version of, or null */
    public MlflowTracker(MlflowTrackingApi api, String experimentName, Path storeRoot, MlflowDatasetInput dataset, String sourceName, String register) {
        this.register = register;
        this.api = api;
        this.experimentName = experimentName;
        this.storeRoot = storeRoot;
        this.dataset = dataset;
        this.sourceName = sourceName;
    }

    /** The tracker for a prepared run whose {@code tracking.mlflow.uri} is set, recording its sync state under {@code storeRoot}. */
    public static MlflowTracker forRun(PreparedRun prepared, Path storeRoot) {
        ExperimentSettings.Mlflow settings = prepared.experiment().settings().tracking().mlflow();
        String uri = settings.uri().orElseThrow(() -> new IllegalArgumentException("tracking.mlflow.uri is not set"));
        MlflowTrackingApi api = new MlflowTrackingApi(MlflowHttp.connect(uri, MlflowHttp.Settings.DEFAULT));
        return new MlflowTracker(api, settings.experiment().orElse(null), storeRoot, MlflowDatasetInput.of(prepared),
                prepared.experiment().file().toAbsolutePath().normalize().toString(), settings.register().orElse(null));
    }

    /**
     * A tracker for a run without a prepared experiment (e.g. a sweep's parent run), or empty when
     * {@code tracking.mlflow.uri} is not set.
     */
    public static Optional<MlflowTracker> forSettings(ExperimentSettings.Mlflow settings, Path storeRoot, String sourceName) {
        Optional<String> uri = settings.uri().filter(u -> !u.isBlank());
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        MlflowTrackingApi api = new MlflowTrackingApi(MlflowHttp.connect(uri.get(), MlflowHttp.Settings.DEFAULT));
        return Optional.of(new MlflowTracker(api, settings.experiment().orElse(null), storeRoot, null, sourceName));
    }

    /** The MLflow run id, once the run exists on the server. */
    public String mlflowRunId() {
        return pusher == null ? null : pusher.runId();
    }

    public boolean isDisconnected() {
        return disconnected;
    }

    @Override
    public void cancelWhen(java.util.function.BooleanSupplier cancelled) {
        api.http().abandonWhen(cancelled);
    }

    @Override
    public void started(RunInfo run) {
        this.info = run;
        if (storeRoot != null && Files.isDirectory(storeRoot.resolve(run.id()))) {
            runDirectory = storeRoot.resolve(run.id());
        }
        try {
            MlflowSyncState state = MlflowSyncState.load(runDirectory);
            state.dataset(dataset);
            state.save();
            pusher = new MlflowRunPusher(api, state);
        } catch (RuntimeException e) {
            disconnect(e);
            return;
        }
        attempt(() -> {
            pusher.ensureRun(experimentName != null ? experimentName : run.experiment(), run.id(), run.name(), run.startTimeMillis(),
                    MlflowRunTags.atCreation(run.name(), sourceName, null), run.parentId(), storeRoot);
            if (dataset != null) {
                pusher.pushInput(dataset);
            }
            log.info("tracking run {} in MLflow: {}", run.id(), runUrl());
        });
    }

    /** Where the run is in the MLflow UI. */
    public String runUrl() {
        MlflowSyncState.Server s = pusher.server();
        return MlflowUi.runUrl(api.http().server(), s.experimentId, s.runId);
    }

    @Override
    public void params(Map<String, String> params) {
        attempt(() -> pusher.pushParams(params));
    }

    @Override
    public void tags(Map<String, String> tags) {
        genlabTags.putAll(tags);
        attempt(() -> {
            Map<String, String> t = MlflowRunTags.withDerived(tags);
            t.put(MlflowRunTags.NOTE, MlflowRunTags.note(info.name(), genlabTags, RunStatus.RUNNING, null));
            pusher.pushTags(t);
        });
    }

    @Override
    public void metric(String key, double value, long step, long timestampMillis) {
        metricsSeen++;
        if (disconnected) {
            return;
        }
        if (buffer.isEmpty()) {
            oldestBuffered = System.currentTimeMillis();
        }
        buffer.add(new MetricPoint(key, value, step, timestampMillis));
        if (buffer.size() >= MlflowLimits.METRICS_PER_BATCH || System.currentTimeMillis() - oldestBuffered >= FLUSH_MILLIS) {
            flush();
        }
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        attempt(() -> {
            pusher.pushMetrics(buffer, metricsSeen - buffer.size());
            buffer.clear();
        });
    }

    @Override
    public void artifact(String path, Path file) {
        if (runDirectory == null) {
            learnRunDirectory(file);
        }
        if (artifactsBroken) {
            return;
        }
        attempt(() -> {
            try {
                pusher.pushArtifact(path, file);
            } catch (MlflowException e) {
                if (e.isUnreachable()) {
                    throw e;
                }
                artifactsBroken = true;
                log.warn("MLflow: artifacts of run {} are not uploaded: {}. Everything else is tracked; the artifacts are in {}", info.id(),
                        e.getMessage(), runDirectory == null ? "the local run" : runDirectory);
            }
        });
    }

    /**
     * The run's dataset input, from the provenance.json of another run that used it (a sweep's parent, which loads
     * no data itself, takes its trials' dataset); nothing if that file has none.
     */
    public void datasetFrom(Path provenanceJson) {
        attempt(() -> {
            MlflowDatasetInput input;
            try {
                input = MlflowSync.datasetInput(provenanceJson, MlflowSyncState.load(provenanceJson.getParent()).dataset());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (input != null) {
                pusher.state().dataset(input);
                pusher.pushInput(input);
            }
        });
    }

    @Override
    public void ended(RunStatus status, String error, long endTimeMillis) {
        Runnable end = () -> {
            flush();
            attempt(() -> {
                pusher.pushTags(MlflowRunTags.atEnd(info.name(), genlabTags, status, error));
                pusher.pushStatus(status, endTimeMillis);
            });
            if (status != RunStatus.KILLED && !artifactsBroken) {
                // after the status: a registry that fails must not leave the run RUNNING; 'genlab sync' finishes it
                // a model is logged whatever the outcome, registered only from a run that FINISHED
                attempt(() -> pusher.finishModel(runDirectory, status == RunStatus.FINISHED ? register : null));
            }
        };
        if (status != RunStatus.KILLED) {
            end.run();
            return;
        }
        // a cancelled run: the server gets one short chance to record KILLED, even after a request was given up
        if (abandoned && pusher != null && pusher.runId() != null) {
            disconnected = false;
        }
        api.http().lastWords(end);
        if (disconnected && pusher != null && pusher.runId() != null && !RunStatus.KILLED.name().equals(pusher.server().statusPushed)) {
            log.warn("MLflow did not record within {} s that run {} was KILLED; 'genlab sync' pushes it", MlflowHttp.GRACE.toSeconds(), info.id());
        }
    }

    /**
     * The store root given at construction may not be the one the run went to (e.g. {@code --runs}); then the run's
     * directory is the ancestor of its files named by the run id, and the state kept so far is saved there.
     */
    private void learnRunDirectory(Path file) {
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals(info.id())) {
                runDirectory = p;
                if (pusher != null) {
                    try {
                        MlflowSyncState moved = pusher.state().movedTo(p);
                        moved.save();
                        pusher.state(moved);
                    } catch (RuntimeException e) {
                        disconnect(e);
                    }
                }
                return;
            }
        }
    }

    private void attempt(Runnable call) {
        if (disconnected || pusher == null) {
            return;
        }
        try {
            call.run();
        } catch (RuntimeException e) {
            disconnect(e);
        }
    }

    private void disconnect(RuntimeException e) {
        boolean wasConnected = !disconnected;
        disconnected = true;
        buffer.clear();
        if (e instanceof MlflowException m && m.isAbandoned()) {
            abandoned = true;
            if (wasConnected) {
                log.warn("MLflow: uploads of run {} stopped on cancel ({}); 'genlab sync' pushes the rest from {}", info == null ? "" : info.id(),
                        e.getMessage(), runDirectory != null ? runDirectory : "the local run store");
            }
            return;
        }
        if (!wasConnected) {
            log.debug("MLflow failure after disconnecting", e);
            return;
        }
        String where = runDirectory != null ? runDirectory.toString() : "the local run store";
        log.warn("MLflow tracking of run {} stopped: {}. The run goes on and is complete in {}; push it later with 'genlab sync'",
                info == null ? "" : info.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), where);
        log.debug("MLflow failure", e);
    }

    @Override
    public String toString() {
        return "MLflow at " + api.http().server();
    }
}
