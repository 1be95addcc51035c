package dev.genlab.runtime.model;

import dev.genlab.runtime.output.OutputManifest;
import dev.genlab.runtime.util.AtomicFiles;
import dev.genlab.runtime.util.Json;
import dev.genlab.spi.Column;
import dev.genlab.spi.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the directory a plugin's {@code save()} wrote into an MLflow model: adds {@code model.conf} (the plugin's
 * config), {@code genlab-model.json} ({@link ModelCard}) and an {@code MLmodel} file whose {@code genlab} flavor
 * says which plugin and version load it, with the data schema as its signature (outputs: the columns sampled;
 * inputs: the columns a sample may be conditioned on, all optional). Uploaded with the run's artifacts under
 * {@code model/}, it is the run's logged model ({@code runs:/<run-id>/model}).
 */
public final class ModelPackage {
    private static final DateTimeFormatter MLFLOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private ModelPackage() {
    }

    /**
     * Adds the genlab and MLflow descriptions to {@code directory}, which holds what {@code save()} wrote.
     *
     * @param modelConfig the {@code model} block as it ran (HOCON, secrets redacted)
     */
    public static ModelCard write(Path directory, String pluginType, String pluginVersion, String genlabVersion, dev.genlab.spi.Modality modality,
            Schema schema, String modelConfig, Map<String, Object> provenance) throws IOException {
        List<OutputManifest.Output> files = OutputManifest.ofDirectory(directory).outputs();
        ModelCard card = new ModelCard(pluginType, pluginVersion, genlabVersion, modality, files, schema, provenance);
        AtomicFiles.write(directory.resolve(ModelCard.CONFIG_FILE), modelConfig.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(directory.resolve(ModelCard.FILE), Json.bytes(card.toJson()));
        AtomicFiles.write(directory.resolve(ModelCard.MLMODEL_FILE), mlmodel(card).getBytes(StandardCharsets.UTF_8));
        return card;
    }

    /** The {@code MLmodel} file (YAML): the {@code genlab} flavor and the signature. */
    static String mlmodel(ModelCard card) {
        StringBuilder y = new StringBuilder();
        y.append("artifact_path: model\n");
        y.append("flavors:\n");
        y.append("  genlab:\n");
        y.append("    plugin_type: ").append(q(card.pluginType())).append('\n');
        y.append("    plugin_version: ").append(q(card.pluginVersion())).append('\n');
        y.append("    genlab_version: ").append(q(card.genlabVersion())).append('\n');
        y.append("    modality: ").append(q(card.modality().label())).append('\n');
        y.append("    config: ").append(q(ModelCard.CONFIG_FILE)).append('\n');
        y.append("    card: ").append(q(ModelCard.FILE)).append('\n');
        y.append("    files:\n");
        for (OutputManifest.Output f : card.files()) {
            y.append("    - ").append(q(f.path())).append('\n');
        }
        String runId = card.provenance("run_id");
        if (runId != null) {
            y.append("    genlab_run_id: ").append(q(runId)).append('\n');
        }
        y.append("model_uuid: ").append(q(uuid(card).toString())).append('\n');
        if (card.schema() != null) {
            y.append("signature:\n");
            y.append("  inputs: ").append(q(Json.compact(colspec(card.schema(), false)))).append('\n');
            y.append("  outputs: ").append(q(Json.compact(colspec(card.schema(), true)))).append('\n');
        }
        Object created = card.provenance().get("created");
        y.append("utc_time_created: ").append(q(created == null ? MLFLOW_TIME.format(Instant.now())
                : MLFLOW_TIME.format(Instant.parse(String.valueOf(created))))).append('\n');
        return y.toString();
    }

    /** The model's MLflow id: fixed by the run, so pushing the run again names the same model. */
    public static UUID uuid(ModelCard card) {
        String runId = card.provenance("run_id");
        return UUID.nameUUIDFromBytes((runId == null ? card.files().toString() : runId).getBytes(StandardCharsets.UTF_8));
    }

    /** The columns as MLflow's column spec: the sampled ones all required, the condition inputs all optional. */
    static List<Map<String, Object>> colspec(Schema schema, boolean required) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Column c : schema.columns()) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("type", c.isNumeric() ? (c.integral() ? "long" : "double") : "string");
            spec.put("name", c.name());
            spec.put("required", required);
            out.add(spec);
        }
        return out;
    }

    /** A YAML single-quoted scalar. */
    private static String q(String s) {
        return "'" + s.replace("'", "''").replace("\n", " ") + "'";
    }

    /** The MLflow flavors as a JSON-able map, for the run's {@code mlflow.log-model.history} tag. */
    public static Map<String, Object> flavors(ModelCard card) {
        Map<String, Object> genlab = new LinkedHashMap<>();
        genlab.put("plugin_type", card.pluginType());
        genlab.put("plugin_version", card.pluginVersion());
        genlab.put("genlab_version", card.genlabVersion());
        genlab.put("modality", card.modality().label());
        return Map.of("genlab", genlab);
    }
}
