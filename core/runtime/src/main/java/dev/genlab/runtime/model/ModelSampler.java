package dev.genlab.runtime.model;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.output.ImageGridPng;
import dev.genlab.runtime.output.PngText;
import dev.genlab.runtime.util.AtomicFiles;
import dev.genlab.runtime.util.TableCsv;
import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.Modality;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples a loaded model into a file: CSV for tables, one document a line for text, a PNG grid (stamped with the
 * model's run id and config digest) for images. The same model, rows, seed and conditions give the same bytes.
 */
public final class ModelSampler {
    private ModelSampler() {
    }

    /** Checks {@code conditions} against the model's schema and abilities; a user error naming the valid choices. */
    public static void checkConditions(ModelLoader.Loaded loaded, Map<String, String> conditions) {
        if (conditions.isEmpty()) {
            return;
        }
        Schema schema = loaded.card().schema();
        if (schema == null) {
            throw new UserException("--where: a " + loaded.card().modality().label() + " model has no columns to condition on");
        }
        for (Map.Entry<String, String> c : conditions.entrySet()) {
            if (!schema.has(c.getKey())) {
                throw new UserException("--where " + c.getKey() + "=" + c.getValue() + ": no column '" + c.getKey() + "' (columns: "
                        + String.join(", ", schema.names()) + ")");
            }
            Column col = schema.column(c.getKey());
            if (col.isCategorical() && col.codeOf(c.getValue()) < 0) {
                throw new UserException("--where " + c.getKey() + "=" + c.getValue() + ": '" + c.getValue() + "' is not a value of column '"
                        + c.getKey() + "' (values: " + String.join(", ", col.levels()) + ")");
            }
        }
        if (!loaded.model().supportsConditions()) {
            throw new UserException("--where: model '" + loaded.card().pluginType() + "' does not sample on conditions; leave --where out");
        }
    }

    /** Samples and writes {@code out} atomically. */
    public static void sample(ModelLoader.Loaded loaded, int rows, long seed, Map<String, String> conditions, Path out) throws IOException {
        checkConditions(loaded, conditions);
        Data data = conditions.isEmpty() ? loaded.model().sample(rows, seed) : loaded.model().sample(rows, seed, conditions);
        if (data == null || data.size() != rows) {
            throw new IllegalStateException("model '" + loaded.card().pluginType() + "' sampled " + (data == null ? "nothing" : data.size() + " instead of " + rows));
        }
        if (data instanceof Table t && loaded.card().schema() != null && t.schema().columns().equals(loaded.card().schema().columns())) {
            data = t.withSchema(loaded.card().schema());
        }
        if (data.modality() == Modality.IMAGE) {
            Map<String, String> text = new LinkedHashMap<>();
            text.put("genlab.model_run_id", String.valueOf(loaded.card().provenance("run_id")));
            text.put("genlab.config_sha256", String.valueOf(loaded.card().provenance("config_sha256")));
            text.put("genlab.sample_seed", Long.toString(seed));
            AtomicFiles.write(out, PngText.withText(ImageGridPng.png(data.asTable()), text));
        } else if (data instanceof Table t) {
            TableCsv.write(t, out);
        } else {
            AtomicFiles.write(out, String.join("\n", data.asCorpus().documents()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What {@code --out} should end with for this model's data. */
    public static String extension(Modality modality) {
        return switch (modality) {
            case IMAGE -> ".png";
            case TABULAR -> ".csv";
            case TEXT -> ".txt";
        };
    }
}
