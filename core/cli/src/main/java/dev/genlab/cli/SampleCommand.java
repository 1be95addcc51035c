package dev.genlab.cli;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.UserException;
import dev.genlab.runtime.model.ModelCard;
import dev.genlab.runtime.model.ModelLoader;
import dev.genlab.runtime.model.ModelSampler;
import dev.genlab.runtime.model.ModelSource;
import dev.genlab.runtime.output.OutputManifest;
import dev.genlab.runtime.run.Provenance;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.tracking.mlflow.MlflowHttp;
import dev.genlab.runtime.util.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample again from a saved or registered model: CSV for tables, text for corpora, a PNG grid for images.",
            "The same model, rows, seed and conditions give the same file. The file and its sha256 are recorded in the local run store,"
                    + " so 'genlab trace FILE' names the model's run."})
final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL",
            description = "A local run id (or id prefix), a model directory, runs:/<mlflow-run-id>/model or models:/<name>/<version>.")
    String model;

    @Option(names = "--rows", paramLabel = "N", required = true, description = "How many rows (documents, images) to sample.")
    int rows;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sample (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--where", paramLabel = "COLUMN=VALUE", description = "Only rows with this value (repeatable; models that sample on conditions).")
    List<String> where = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the sample (.csv, .txt or .png, by the model's data).")
    Path out;

    @Option(names = "--runs", paramLabel = "DIR", description = "Local run store (default: runs, or GENLAB_RUNS).")
    Path runs;

    @Option(names = "--tracking-uri", paramLabel = "URI", description = "MLflow server for runs:/ and models:/ (default: MLFLOW_TRACKING_URI).")
    String trackingUri;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (rows < 1) {
            throw new UserException("--rows " + rows + ": must be at least 1");
        }
        Map<String, String> conditions = new LinkedHashMap<>();
        for (String w : where) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new UserException("--where " + w + ": expected COLUMN=VALUE, e.g. --where sex=Female");
            }
            conditions.put(w.substring(0, eq).strip(), w.substring(eq + 1).strip());
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new UserException("--out " + out + ": is a directory; name a file");
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new UserException("--out " + out + ": no such directory " + target.getParent());
        }
        Path root = runs != null ? runs : Path.of(System.getenv().getOrDefault("GENLAB_RUNS", "runs"));
        LocalRunStore store = new LocalRunStore(root, runs != null ? "--runs " + runs : "run store " + root);
        String uri = trackingUri != null ? trackingUri : System.getenv("MLFLOW_TRACKING_URI");
        Genlab genlab = common.genlab();
        Path download = Files.createTempDirectory("genlab-model-");
        try {
            ModelSource.Resolved source = ModelSource.resolve(model, store, uri, MlflowHttp.Settings.DEFAULT, download);
            ModelLoader.Loaded loaded = new ModelLoader(genlab.registry()).load(source.directory());
            String extension = ModelSampler.extension(loaded.card().modality());
            if (!target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(extension)) {
                throw new UserException("--out " + out + ": a " + loaded.card().modality().label() + " model writes " + extension
                        + " files; name one ending in " + extension);
            }
            ModelSampler.checkConditions(loaded, conditions);
            long start = System.currentTimeMillis();
            ModelSampler.sample(loaded, rows, seed, conditions, target);
            String recordId = record(store, loaded.card(), conditions, target, start);
            System.out.println("wrote " + rows + " " + (loaded.card().modality() == dev.genlab.spi.Modality.TEXT ? "documents" : "rows")
                    + " to " + out + " (model " + loaded.card().pluginType() + " " + loaded.card().pluginVersion() + " of run "
                    + loaded.card().provenance("run_id") + ", seed " + seed + ")");
            System.out.println("recorded as " + recordId + " in " + store.root().toAbsolutePath().normalize() + "; 'genlab trace " + out + "' names it");
            return Main.OK;
        } finally {
            AtomicFiles.deleteTree(download);
        }
    }

    /** A finished run of kind "sample" in the local store: what made the file, and the file's sha256 (outputs.json). */
    private String record(LocalRunStore store, ModelCard card, Map<String, String> conditions, Path file, long start) throws Exception {
        String id = LocalRunStore.newRunId("sample", start);
        String experiment = card.provenance("experiment") != null ? card.provenance("experiment") : "genlab-sample";
        try (RunWriter writer = store.create(new RunInfo(id, "sample " + model, experiment, null, start))) {
            writer.runField("kind", "sample");
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("genlab.kind", "sample");
            tags.put("genlab.version", Provenance.genlabVersion());
            tags.put("genlab.sample.model", model);
            tags.put("genlab.sample.rows", Integer.toString(rows));
            tags.put("genlab.sample.seed", Long.toString(seed));
            if (!conditions.isEmpty()) {
                tags.put("genlab.sample.where", conditions.toString());
            }
            tags.put("genlab.model", card.pluginType());
            tags.put("genlab.model.version", card.pluginVersion());
            putIf(tags, "genlab.model_run_id", card.provenance("run_id"));
            putIf(tags, "genlab.experiment_file", card.provenance("experiment_file"));
            putIf(tags, "genlab.seed", card.provenance("seed"));
            putIf(tags, "genlab.dataset", card.provenance("dataset"));
            putIf(tags, "genlab.dataset.sha256", card.provenance("dataset_sha256"));
            putIf(tags, "genlab.config_sha256", card.provenance("config_sha256"));
            if (card.provenance().get("plugins") instanceof Map<?, ?> plugins) {
                plugins.forEach((k, v) -> {
                    if (v instanceof Map<?, ?> m && m.get("version") != null) {
                        tags.put("genlab.plugin." + k, String.valueOf(m.get("version")));
                    }
                });
            }
            OutputManifest manifest = OutputManifest.of(file, file.toString());
            tags.putAll(manifest.tags());
            writer.tags(tags);
            writer.file(OutputManifest.FILE, manifest.json());
            writer.ended(RunStatus.FINISHED, null, System.currentTimeMillis());
        }
        return id;
    }

    private static void putIf(Map<String, String> tags, String key, String value) {
        if (value != null) {
            tags.put(key, value);
        }
    }
}
