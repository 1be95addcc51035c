package dev.genlab.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run read back from the {@link LocalRunStore}. */
public final class StoredRun {
    /** One point of a metric history. */
    public record MetricPoint(String key, double value, long step, long timestamp) {
    }

    private final Path directory;
    private final Map<String, Object> run;

    private StoredRun(Path directory, Map<String, Object> run) {
        this.directory = directory;
        this.run = run;
    }

    static StoredRun read(Path directory) throws IOException {
        return new StoredRun(directory, Json.readMap(directory.resolve(RunWriter.RUN_FILE)));
    }

    public Path directory() {
        return directory;
    }

    public String id() {
        return (String) run.get("id");
    }

    public String name() {
        return (String) run.get("name");
    }

    public String experiment() {
        return (String) run.get("experiment");
    }

    public String parentId() {
        return (String) run.get("parent");
    }

    public long startTimeMillis() {
        return ((Number) run.getOrDefault("start", 0L)).longValue();
    }

    public Long endTimeMillis() {
        Object end = run.get("end");
        return end == null ? null : ((Number) end).longValue();
    }

    public String error() {
        return (String) run.get("error");
    }

    public Object field(String key) {
        return run.get(key);
    }

    /** The status as recorded. */
    public RunStatus status() {
        return RunStatus.valueOf((String) run.get("status"));
    }

    /** The recorded status, except that a RUNNING run whose process is gone is KILLED. */
    public RunStatus effectiveStatus() {
        RunStatus s = status();
        if (s == RunStatus.RUNNING) {
            Object pid = run.get("pid");
            boolean alive = pid instanceof Number n && ProcessHandle.of(n.longValue()).map(ProcessHandle::isAlive).orElse(false);
            return alive ? RunStatus.RUNNING : RunStatus.KILLED;
        }
        return s;
    }

    public Map<String, String> params() throws IOException {
        return strings(RunWriter.PARAMS_FILE);
    }

    public Map<String, String> tags() throws IOException {
        return strings(RunWriter.TAGS_FILE);
    }

    /** Final metric values, in the order they were computed. */
    public Map<String, Double> results() throws IOException {
        Path f = directory.resolve(RunWriter.RESULTS_FILE);
        Map<String, Double> out = new LinkedHashMap<>();
        if (Files.exists(f)) {
            JsonNode node = Json.MAPPER.readTree(f.toFile());
            node.fields().forEachRemaining(e -> out.put(e.getKey(), number(e.getValue())));
        }
        return out;
    }

    /** Every metric point, in the order recorded; a torn last line (a crash mid-write) is ignored. */
    public List<MetricPoint> metrics() throws IOException {
        Path f = directory.resolve(RunWriter.METRICS_FILE);
        List<MetricPoint> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = Json.MAPPER.readTree(line);
                } catch (IOException torn) {
                    break;
                }
                out.add(new MetricPoint(n.get("key").asText(), number(n.get("value")), n.get("step").asLong(), n.get("timestamp").asLong()));
            }
        }
        return out;
    }

    public Path artifacts() {
        return directory.resolve(RunWriter.ARTIFACTS_DIR);
    }

    private static double number(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
    }

    private Map<String, String> strings(String file) throws IOException {
        Path f = directory.resolve(file);
        Map<String, String> out = new LinkedHashMap<>();
        if (Files.exists(f)) {
            Json.readMap(f).forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }
}
