package dev.genlab.cli;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.output.FileDigest;
import dev.genlab.runtime.output.OutputManifest;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.mlflow.MlflowHttp;
import dev.genlab.runtime.tracking.mlflow.MlflowTrackingApi;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Which run made this file? Hashes FILE (SHA-256) and looks for it among the outputs of the local runs, else on the"
                + " MLflow server by tag; prints the run, experiment file, seed, model and plugin versions, dataset digest and time.",
            "Only the exact bytes match: a modified file is 'unknown'. Exit 0 found, 1 unknown."})
final class TraceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A file a run or 'genlab sample' wrote.")
    Path file;

    @Option(names = "--runs", paramLabel = "DIR", description = "Local run store (default: runs, or GENLAB_RUNS).")
    Path runs;

    @Option(names = "--tracking-uri", paramLabel = "URI", description = "MLflow server to search when the local store has no match"
            + " (default: MLFLOW_TRACKING_URI).")
    String trackingUri;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UserException("FILE " + file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        String uri = trackingUri != null ? trackingUri : System.getenv("MLFLOW_TRACKING_URI");
        if (uri != null && !uri.isBlank() && !MlflowHttp.isServerUri(uri)) {
            throw new UserException((trackingUri != null ? "--tracking-uri" : "MLFLOW_TRACKING_URI") + ": " + MlflowHttp.NOT_A_SERVER);
        }
        String sha = FileDigest.sha256(file);
        PrintStream out = System.out;
        out.println(file + ": sha256 " + sha);
        Path root = runs != null ? runs : Path.of(System.getenv().getOrDefault("GENLAB_RUNS", "runs"));
        LocalRunStore store = new LocalRunStore(root);
        for (StoredRun run : store.list()) {
            Optional<OutputManifest.Output> hit = OutputManifest.read(run.directory()).find(sha);
            if (hit.isPresent()) {
                print(out, run.id(), run.name(), run.effectiveStatus().name(), run.startTimeMillis(), hit.get().path(), run.tags(),
                        "local run " + run.directory());
                return Main.OK;
            }
        }
        String searched = "the local runs in " + store.root().toAbsolutePath().normalize();
        if (uri != null && !uri.isBlank()) {
            MlflowTrackingApi api = new MlflowTrackingApi(MlflowHttp.connect(uri, MlflowHttp.Settings.DEFAULT));
            List<MlflowTrackingApi.RemoteRun> found = api.runsWithTag(OutputManifest.TAG_PREFIX + sha);
            if (!found.isEmpty()) {
                MlflowTrackingApi.RemoteRun r = found.get(0);
                String local = r.tags().getOrDefault("genlab.run_id", r.runId());
                print(out, local, r.tags().getOrDefault("mlflow.runName", ""), r.status(), r.startTime(), r.tags().get(OutputManifest.TAG_PREFIX + sha),
                        r.tags(), "MLflow run " + dev.genlab.runtime.tracking.mlflow.MlflowUi.runUrl(api.http().server(), r.experimentId(), r.runId()));
                return Main.OK;
            }
            searched += " and on " + api.http().server();
        } else {
            searched += " (no MLflow server searched: give --tracking-uri or set MLFLOW_TRACKING_URI)";
        }
        out.println("unknown: no run wrote a file with these exact bytes in " + searched
                + "; a file changed after it was written (even by one byte) is unknown too");
        return Main.RUN_FAILED;
    }

    private static void print(PrintStream out, String runId, String name, String status, long start, String path, Map<String, String> tags, String where) {
        boolean sample = "sample".equals(tags.get("genlab.kind"));
        out.println("  made by      " + (sample ? "genlab sample " + tags.get("genlab.sample.model") + " --rows " + tags.get("genlab.sample.rows")
                + " --seed " + tags.get("genlab.sample.seed") + (tags.containsKey("genlab.sample.where") ? " where " + tags.get("genlab.sample.where") : "")
                : "run " + runId + (name.isEmpty() ? "" : " (" + name + ")")) + ", " + status);
        if (sample) {
            out.println("  recorded as  " + runId);
        }
        out.println("  output       " + path);
        out.println("  time         " + Instant.ofEpochMilli(start));
        out.println("  where        " + where);
        if (sample) {
            out.println("  model run    " + tags.getOrDefault("genlab.model_run_id", "?"));
        }
        out.println("  experiment   " + tags.getOrDefault("genlab.experiment_file", "?"));
        out.println("  seed         " + tags.getOrDefault("genlab.seed", "?") + (sample ? " (training); sample seed " + tags.get("genlab.sample.seed") : ""));
        String model = tags.getOrDefault("genlab.model", "?");
        String version = tags.getOrDefault("genlab.plugin.model." + model, tags.getOrDefault("genlab.model.version", "?"));
        out.println("  model        " + model + " " + version);
        Map<String, String> plugins = new TreeMap<>();
        tags.forEach((k, v) -> {
            if (k.startsWith("genlab.plugin.")) {
                plugins.put(k.substring("genlab.plugin.".length()), v);
            }
        });
        StringBuilder p = new StringBuilder();
        plugins.forEach((k, v) -> p.append(p.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        out.println("  plugins      " + (p.length() == 0 ? "?" : p));
        out.println("  dataset      " + tags.getOrDefault("genlab.dataset", "?") + " sha256 " + tags.getOrDefault("genlab.dataset.sha256", "?"));
        out.println("  config       sha256 " + tags.getOrDefault("genlab.config_sha256", "?"));
        out.println("  genlab       " + tags.getOrDefault("genlab.version", "?"));
    }
}
