package dev.genlab.runtime.model;

import dev.genlab.runtime.output.OutputManifest;
import dev.genlab.runtime.util.Json;
import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnType;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Modality;
import dev.genlab.spi.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a saved model is, beside the files its plugin's {@code save()} wrote: {@code genlab-model.json} in the
 * model directory. {@code genlab sample} reads it to find the plugin (and version) that loads the model, and the
 * data's schema; {@code genlab trace} reads the provenance. The same facts are the {@code genlab} flavor of the
 * directory's {@code MLmodel} file, for MLflow.
 *
 * @param pluginType     the model plugin's name ({@code model.type})
 * @param pluginVersion  the version of the jar that saved it
 * @param genlabVersion  the genlab that saved it
 * @param modality       what the model samples
 * @param files          the files {@code save()} wrote, with their digests
 * @param schema         the training data's schema (null for text)
 * @param provenance     run id, experiment, experiment file, seed, dataset name and sha256, config sha256, plugins, time
 */
public record ModelCard(String pluginType, String pluginVersion, String genlabVersion, Modality modality, List<OutputManifest.Output> files,
        Schema schema, Map<String, Object> provenance) {
    public static final String FILE = "genlab-model.json";
    /** The model plugin's config block (type included, secrets redacted), HOCON. */
    public static final String CONFIG_FILE = "model.conf";
    public static final String MLMODEL_FILE = "MLmodel";

    public ModelCard {
        Objects.requireNonNull(pluginType, "pluginType is null");
        Objects.requireNonNull(pluginVersion, "pluginVersion is null");
        Objects.requireNonNull(modality, "modality is null");
        files = List.copyOf(files);
        provenance = Map.copyOf(provenance);
    }

    public String provenance(String key) {
        Object v = provenance.get(key);
        return v == null ? null : String.valueOf(v);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plugin_type", pluginType);
        m.put("plugin_version", pluginVersion);
        m.put("genlab_version", genlabVersion);
        m.put("modality", modality.label());
        m.put("config", CONFIG_FILE);
        List<Map<String, Object>> f = new ArrayList<>();
        for (OutputManifest.Output o : files) {
            f.add(Map.of("path", o.path(), "sha256", o.sha256(), "bytes", o.bytes()));
        }
        m.put("files", f);
        if (schema != null) {
            m.put("schema", schemaJson(schema));
        }
        m.put("provenance", provenance);
        return m;
    }

    /** Reads {@code genlab-model.json} from a model directory; a clear error when it is not one. */
    @SuppressWarnings("unchecked")
    public static ModelCard read(Path directory) throws IOException {
        Path f = directory.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new dev.genlab.runtime.UserException(directory + " is not a genlab model directory: it has no " + FILE
                    + " (a run's model is in runs/<run-id>/artifacts/model)");
        }
        Map<String, Object> m = Json.readMap(f);
        List<OutputManifest.Output> files = new ArrayList<>();
        if (m.get("files") instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> e = (Map<String, Object>) o;
                files.add(new OutputManifest.Output(String.valueOf(e.get("path")), String.valueOf(e.get("sha256")), ((Number) e.get("bytes")).longValue()));
            }
        }
        Schema schema = m.get("schema") instanceof Map<?, ?> s ? schema((Map<String, Object>) s) : null;
        Modality modality = Modality.valueOf(String.valueOf(m.get("modality")).toUpperCase(java.util.Locale.ROOT));
        Map<String, Object> provenance = m.get("provenance") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        return new ModelCard(String.valueOf(m.get("plugin_type")), String.valueOf(m.get("plugin_version")), String.valueOf(m.get("genlab_version")),
                modality, files, schema, provenance);
    }

    static Map<String, Object> schemaJson(Schema schema) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Column c : schema.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("type", c.type().name().toLowerCase(java.util.Locale.ROOT));
            if (c.isCategorical()) {
                col.put("levels", c.levels());
            }
            if (c.integral()) {
                col.put("integral", true);
            }
            columns.add(col);
        }
        m.put("columns", columns);
        schema.target().ifPresent(t -> m.put("target", t));
        m.put("sensitive", schema.sensitive());
        schema.imageShape().ifPresent(s -> m.put("image_shape", List.of(s.height(), s.width(), s.channels())));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Schema schema(Map<String, Object> m) {
        List<Column> columns = new ArrayList<>();
        for (Object o : (List<Object>) m.get("columns")) {
            Map<String, Object> c = (Map<String, Object>) o;
            ColumnType type = ColumnType.valueOf(String.valueOf(c.get("type")).toUpperCase(java.util.Locale.ROOT));
            List<String> levels = c.get("levels") instanceof List<?> l ? (List<String>) l : List.of();
            columns.add(new Column(String.valueOf(c.get("name")), type, levels, Boolean.TRUE.equals(c.get("integral"))));
        }
        Schema s = Schema.of(columns);
        if (m.get("target") != null) {
            s = s.withTarget(String.valueOf(m.get("target")));
        }
        if (m.get("sensitive") instanceof List<?> l) {
            s = s.withSensitive((List<String>) l);
        }
        if (m.get("image_shape") instanceof List<?> shape) {
            s = s.withImageShape(new ImageShape(((Number) shape.get(0)).intValue(), ((Number) shape.get(1)).intValue(), ((Number) shape.get(2)).intValue()));
        }
        return s;
    }
}
