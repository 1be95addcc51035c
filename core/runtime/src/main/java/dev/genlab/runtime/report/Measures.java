package dev.genlab.runtime.report;

import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.util.Json;
import dev.genlab.spi.Measure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declared meaning of every value a run recorded, by full key ({@code fidelity.overall}): what the metrics
 * declared when the run was made, with the experiment's {@code report.thresholds} applied. Stored with the run as
 * {@value #FILE} (and sent to MLflow as an artifact), so that {@code compare} and {@code report} read the run as it
 * was made, whatever is installed later. A key absent here has goal unknown and is never ranked.
 */
public final class Measures {
    /** The file in the run directory. */
    public static final String FILE = "measures.json";

    private final Map<String, Measure> byKey;

    private Measures(Map<String, Measure> byKey) {
        this.byKey = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
    }

    public static Measures of(Map<String, Measure> byKey) {
        return new Measures(byKey);
    }

    public static Measures none() {
        return new Measures(Map.of());
    }

    /** The declaration of a full key; empty when its metric did not declare it (goal unknown). */
    public Optional<Measure> of(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Whether the key is a declared score (ranked, coloured, eligible for "best"). */
    public boolean isScore(String key) {
        return of(key).map(Measure::isScore).orElse(false);
    }

    public Map<String, Measure> asMap() {
        return byKey;
    }

    /**
     * The declarations for the values one metric reported: each key found in the plugin's declarations, renamed
     * to the full key ({@code <metric name>.<key>}).
     */
    public static Map<String, Measure> declare(String metricName, List<Measure> declared, Iterable<String> keys) {
        Map<String, Measure> out = new LinkedHashMap<>();
        for (String key : keys) {
            Measure.find(declared, key).ifPresent(m -> out.put(metricName + "." + key, m.forKey(metricName + "." + key)));
        }
        return out;
    }

    /** A short text of a measure's goal for tables: {@code ↑ max}, {@code ↓ min}, {@code → 0.5}, {@code info}, {@code goal unknown}. */
    public static String goalLabel(Optional<Measure> m) {
        if (m.isEmpty()) {
            return "goal unknown";
        }
        return switch (m.get().goal()) {
            case MAXIMISE -> "↑ higher";
            case MINIMISE -> "↓ lower";
            case TARGET -> "→ " + Comparison.format(m.get().target());
            case NONE -> "info";
        };
    }

    /** The goal as one word for CSV and JSON: maximise, minimise, target:0.5, information, unknown. */
    public static String goalWord(Optional<Measure> m) {
        if (m.isEmpty()) {
            return "unknown";
        }
        return switch (m.get().goal()) {
            case TARGET -> "target:" + num(m.get().target());
            case NONE -> "information";
            default -> m.get().goal().word();
        };
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Reads a run's declarations; none for a run made before declarations existed. */
    public static Measures read(StoredRun run) throws IOException {
        return read(run.directory().resolve(FILE));
    }

    public static Measures read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return none();
        }
        Map<String, Measure> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : Json.readMap(file).entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                out.put(e.getKey(), fromJson(e.getKey(), m));
            }
        }
        return new Measures(out);
    }

    /** As JSON: key → {goal, target, min, max, description, pass, fail}; infinite bounds are null. */
    public byte[] json() {
        Map<String, Object> root = new LinkedHashMap<>();
        byKey.forEach((k, m) -> root.put(k, toJson(m)));
        return Json.bytes(root);
    }

    static Map<String, Object> toJson(Measure m) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("goal", m.goal().word());
        if (m.goal() == Measure.Goal.TARGET) {
            x.put("target", m.target());
        }
        x.put("min", Double.isFinite(m.min()) ? m.min() : null);
        x.put("max", Double.isFinite(m.max()) ? m.max() : null);
        x.put("description", m.description());
        m.threshold().ifPresent(t -> {
            x.put("pass", t.pass());
            x.put("fail", t.fail());
        });
        return x;
    }

    private static Measure fromJson(String key, Map<?, ?> m) {
        Measure.Goal goal = Measure.Goal.ofWord(String.valueOf(m.get("goal")));
        double target = m.get("target") instanceof Number n ? n.doubleValue() : Double.NaN;
        double min = m.get("min") instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY;
        double max = m.get("max") instanceof Number n ? n.doubleValue() : Double.POSITIVE_INFINITY;
        Optional<Measure.Threshold> threshold = m.get("pass") instanceof Number p && m.get("fail") instanceof Number f
                ? Optional.of(new Measure.Threshold(p.doubleValue(), f.doubleValue())) : Optional.empty();
        return new Measure(key, goal, target, min, max, String.valueOf(m.get("description") == null ? "" : m.get("description")), threshold);
    }
}
