package dev.genlab.runtime.tracking.mlflow;

import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.util.Json;
import dev.genlab.spi.Column;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dataset of a run as an MLflow run input ({@code runs/log-inputs}). MLflow keeps digests of at most 36
 * characters, so the digest is the SHA-256 cut to 32 hex digits; the full one is in the profile and in the tag
 * {@code genlab.dataset.sha256}.
 *
 * @param schema  MLflow column-spec JSON, or null when unknown
 * @param profile JSON: full sha256, rows, train and test sizes
 */
public record MlflowDatasetInput(String name, String digest, String sourceType, String source, String schema, String profile, String context) {

    /** From a prepared run: name, digest, sources, column names and kinds, sizes. */
    public static MlflowDatasetInput of(PreparedRun prepared) {
        String schema = null;
        if (prepared.data().data() instanceof Table t) {
            List<Map<String, Object>> columns = new ArrayList<>();
            for (Column c : t.schema().columns()) {
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("type", c.isNumeric() ? (c.integral() ? "long" : "double") : "string");
                spec.put("name", c.name());
                spec.put("required", true);
                columns.add(spec);
            }
            schema = Json.compact(Map.of("mlflow_colspec", columns));
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("sha256", prepared.datasetDigest());
        profile.put("num_rows", prepared.data().data().size());
        profile.put("train_rows", prepared.train().size());
        profile.put("test_rows", prepared.test().size());
        return create(prepared.experiment().dataset().type(), prepared.datasetDigest(), prepared.data().sources(), schema, Json.compact(profile));
    }

    /** From a run's provenance.json "dataset" entry (a run synced later); the schema is what the live tracker kept, if any. */
    @SuppressWarnings("unchecked")
    static MlflowDatasetInput of(Map<String, Object> provenanceDataset, String schema) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("sha256", provenanceDataset.get("sha256"));
        profile.put("num_rows", provenanceDataset.get("size"));
        profile.put("train_rows", provenanceDataset.get("train_size"));
        profile.put("test_rows", provenanceDataset.get("test_size"));
        Object sources = provenanceDataset.get("sources");
        return create(String.valueOf(provenanceDataset.get("name")), String.valueOf(provenanceDataset.get("sha256")),
                sources instanceof List<?> l ? (List<String>) l : List.of(), schema, Json.compact(profile));
    }

    private static MlflowDatasetInput create(String name, String sha256, List<String> sources, String schema, String profile) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("uri", sources.isEmpty() ? name : sources.get(0));
        if (sources.size() > 1) {
            source.put("sources", sources);
        }
        String digest = sha256.length() > 32 ? sha256.substring(0, 32) : sha256;
        return new MlflowDatasetInput(MlflowLimits.truncate(name, 500), digest, "local", Json.compact(source), schema, profile, "training");
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("digest", digest);
        m.put("source_type", sourceType);
        m.put("source", source);
        m.put("schema", schema);
        m.put("profile", profile);
        m.put("context", context);
        return m;
    }

    static MlflowDatasetInput fromJson(Map<String, Object> m) {
        return new MlflowDatasetInput((String) m.get("name"), (String) m.get("digest"), (String) m.get("source_type"), (String) m.get("source"),
                (String) m.get("schema"), (String) m.get("profile"), (String) m.getOrDefault("context", "training"));
    }
}
