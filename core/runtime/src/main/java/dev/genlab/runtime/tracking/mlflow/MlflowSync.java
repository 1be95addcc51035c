package dev.genlab.runtime.tracking.mlflow;

import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.store.StoredRun.MetricPoint;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code genlab sync}: pushes local runs to an MLflow server, each from where the last attempt stopped (see
 * {@link MlflowSyncState}): never-pushed runs are created, partly pushed ones completed, finished ones left
 * alone. Running it twice changes nothing the second time. Runs still in progress in a live process are skipped.
 */
public final class MlflowSync {
    /** What happened to one run. */
    public enum Outcome {
        PUSHED,
        UP_TO_DATE,
        SKIPPED,
        FAILED
    }

    /** One run's result; {@code detail} says what was pushed, or why not. */
    public record Result(String runId, Outcome outcome, String detail) {
    }

    private final MlflowTrackingApi api;

    public MlflowSync(MlflowTrackingApi api) {
        this.api = api;
    }

    /**
     * Syncs the selected runs of a store, each to its server: {@code to} if given, else the
     * {@code tracking.mlflow.uri} the run was made with, else {@code MLFLOW_TRACKING_URI} from {@code env}. Runs
     * with none of these are skipped, saying how to name a server.
     */
    public static List<Result> syncStore(LocalRunStore store, List<String> selection, String to, Map<String, String> env,
            MlflowHttp.Settings settings) throws IOException {
        Map<String, MlflowSync> syncs = new LinkedHashMap<>();
        List<Result> results = new ArrayList<>();
        for (StoredRun run : store.list()) {
            if (!selection.isEmpty() && selection.stream().noneMatch(s -> run.id().startsWith(s))) {
                continue;
            }
            String target = to;
            if (target == null || target.isBlank()) {
                target = run.params().get("tracking.mlflow.uri");
            }
            if (target == null || target.isBlank()) {
                target = env.get("MLFLOW_TRACKING_URI");
            }
            if (target == null || target.isBlank()) {
                results.add(new Result(run.id(), Outcome.SKIPPED, "no MLflow server: give --to URI or set MLFLOW_TRACKING_URI"));
                continue;
            }
            String server = MlflowHttp.normalize(target).toString();
            String given = target;
            MlflowSync sync = syncs.computeIfAbsent(server, u -> new MlflowSync(new MlflowTrackingApi(MlflowHttp.connect(given, settings))));
            results.add(sync.sync(run, store.root()));
        }
        return results;
    }

    public URI server() {
        return api.http().server();
    }

    /** Syncs the runs of {@code store} whose id starts with one of {@code selection} (all runs if empty), oldest first. */
    public List<Result> sync(LocalRunStore store, List<String> selection) throws IOException {
        List<Result> results = new ArrayList<>();
        for (StoredRun run : store.list()) {
            if (selection.isEmpty() || selection.stream().anyMatch(s -> run.id().startsWith(s))) {
                results.add(sync(run, store.root()));
            }
        }
        return results;
    }

    /** Syncs one run; failures are in the result, not thrown, so one bad run does not stop the others. */
    public Result sync(StoredRun run, Path storeRoot) {
        RunStatus status = run.effectiveStatus();
        if (status == RunStatus.RUNNING) {
            return new Result(run.id(), Outcome.SKIPPED, "still running in process " + run.field("pid") + "; it is being tracked live");
        }
        try {
            MlflowSyncState state = MlflowSyncState.load(run.directory());
            List<MetricPoint> points = run.metrics();
            List<String> artifacts = artifacts(run);
            MlflowSyncState.Server before = state.existing(api.http().server().toString());
            if (before != null && upToDate(before, status, points.size(), artifacts) && (run.parentId() == null || before.parentLinked)) {
                return new Result(run.id(), Outcome.UP_TO_DATE, "run " + before.runId);
            }
            return push(run, storeRoot, state, status, points, artifacts);
        } catch (MlflowException | IOException | UncheckedIOException | IllegalStateException e) {
            return new Result(run.id(), Outcome.FAILED, e.getMessage());
        }
    }

    private Result push(StoredRun run, Path storeRoot, MlflowSyncState state, RunStatus status, List<MetricPoint> points, List<String> artifacts)
            throws IOException {
        MlflowRunPusher pusher = new MlflowRunPusher(api, state);
        Map<String, String> params = run.params();
        Map<String, String> genlabTags = run.tags();
        String experiment = params.getOrDefault("tracking.mlflow.experiment", run.experiment());
        Map<String, String> creation = MlflowRunTags.atCreation(run.name(), genlabTags.get("genlab.experiment_file"), null);
        pusher.ensureRun(experiment, run.id(), run.name(), run.startTimeMillis(), creation, run.parentId(), storeRoot);
        MlflowSyncState.Server s = pusher.server();
        long metricsBefore = s.metricsInDoubt() ? -1 : s.metricsPushed;
        List<String> done = new ArrayList<>();
        if (!s.paramsPushed) {
            pusher.pushParams(params);
            done.add(params.size() + " params");
        }
        if (!s.inputsPushed) {
            MlflowDatasetInput input = datasetInput(run, state);
            if (input != null) {
                pusher.pushInput(input);
                done.add("dataset input");
            } else {
                s.inputsPushed = true;
            }
        }
        String error = run.error();
        if (error == null && status == RunStatus.KILLED && run.status() == RunStatus.RUNNING) {
            error = "the process ended without recording the end of the run";
        }
        Map<String, String> tags = new LinkedHashMap<>(creation);
        tags.putAll(MlflowRunTags.withDerived(genlabTags));
        tags.putAll(MlflowRunTags.atEnd(run.name(), genlabTags, status, error));
        pusher.pushTags(tags);
        if (run.parentId() != null && !s.parentLinked && pusher.linkParent(run.parentId(), storeRoot)) {
            done.add("parent run");
        }
        pusher.pushMetrics(points, 0);
        long sent = metricsBefore < 0 ? points.size() : points.size() - metricsBefore;
        if (sent > 0) {
            done.add((metricsBefore < 0 ? "checked " : "") + sent + " metric points");
        }
        List<String> artifactErrors = new ArrayList<>();
        int uploaded = 0;
        for (String a : artifacts) {
            if (s.artifactsPushed.contains(a)) {
                continue;
            }
            Path file = file(run, a);
            try {
                pusher.pushArtifact(a, file);
                uploaded++;
            } catch (MlflowException e) {
                if (e.isUnreachable()) {
                    throw e;
                }
                artifactErrors.add(e.getMessage());
                break;
            }
        }
        if (uploaded > 0) {
            done.add(uploaded + " artifacts");
        }
        String register = params.get("tracking.mlflow.register");
        boolean registered = s.modelRegistered != null;
        // a model is logged whatever the outcome, registered only from a run that FINISHED
        pusher.finishModel(run.directory(), register == null || register.isBlank() || status != RunStatus.FINISHED ? null : register);
        if (!registered && s.modelRegistered != null) {
            done.add("model version " + s.modelRegistered);
        }
        if (!status.name().equals(s.statusPushed)) {
            Long end = run.endTimeMillis();
            long endTime = end != null ? end : points.stream().mapToLong(MetricPoint::timestamp).max().orElse(run.startTimeMillis());
            pusher.pushStatus(status, endTime);
            done.add("status " + status);
        }
        String summary = "run " + s.runId + (done.isEmpty() ? "" : ": " + String.join(", ", done));
        if (!artifactErrors.isEmpty()) {
            return new Result(run.id(), Outcome.FAILED, summary + "; " + artifactErrors.get(0));
        }
        return new Result(run.id(), Outcome.PUSHED, summary);
    }

    /** Files of the run directory itself that are artifacts too: the resolved config and the measures' declarations. */
    private static final List<String> RUN_FILES = List.of("config.conf", dev.genlab.runtime.report.Measures.FILE,
            dev.genlab.runtime.output.OutputManifest.FILE);

    static boolean upToDate(MlflowSyncState.Server s, RunStatus status, int points, List<String> artifacts) {
        return s.paramsPushed && s.inputsPushed && !s.metricsInDoubt() && s.metricsPushed == points && s.artifactsPushed.containsAll(artifacts)
                && status.name().equals(s.statusPushed) && (!artifacts.contains(MlflowRunPusher.MODEL_FILE) || s.modelLogged);
    }

    /** The local file of an artifact path. */
    static Path file(StoredRun run, String artifact) {
        return RUN_FILES.contains(artifact) ? run.directory().resolve(artifact) : run.artifacts().resolve(artifact);
    }

    /** Artifact paths of a run: config.conf, measures.json and every file under artifacts/, sorted. */
    static List<String> artifacts(StoredRun run) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        for (String f : RUN_FILES) {
            if (Files.isRegularFile(run.directory().resolve(f))) {
                out.add(f);
            }
        }
        Path root = run.artifacts();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).forEach(f -> out.add(root.relativize(f).toString().replace('\\', '/')));
            }
        }
        return new ArrayList<>(out);
    }

    /** The live tracker's record of the dataset (it knew the columns), else what provenance.json says. */
    private static MlflowDatasetInput datasetInput(StoredRun run, MlflowSyncState state) throws IOException {
        return datasetInput(run.directory().resolve("provenance.json"), state.dataset());
    }

    /** {@code known} if not null (the live tracker's record, with the column schema), else the "dataset" of a provenance.json. */
    @SuppressWarnings("unchecked")
    static MlflowDatasetInput datasetInput(Path provenance, MlflowDatasetInput known) throws IOException {
        if (known != null) {
            return known;
        }
        if (!Files.exists(provenance)) {
            return null;
        }
        Object dataset = Json.readMap(provenance).get("dataset");
        return dataset instanceof Map<?, ?> d ? MlflowDatasetInput.of((Map<String, Object>) d, null) : null;
    }
}
