package dev.genlab.runtime.sweep;

import com.typesafe.config.Config;
import dev.genlab.runtime.config.Experiment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trial of a sweep.
 *
 * @param index      1-based position in the sweep
 * @param assignments the values this trial sets ({@code model.type -> copula}, {@code seed -> 2}), as HOCON
 * @param config     the experiment with those values applied
 * @param experiment the validated experiment
 */
public record Trial(int index, Map<String, String> assignments, Config config, Experiment experiment) {
    public Trial {
        Objects.requireNonNull(config, "config is null");
        assignments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
    }

    /** e.g. {@code model.type=copula seed=2}. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        assignments.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=')
                .append(v.matches("\"[A-Za-z0-9._-]*\"") ? v.substring(1, v.length() - 1) : v));
        return sb.toString();
    }

    /**
     * A short name for the MLflow UI, where long names are cut to one prefix: a plugin type as its value, the seed
     * as {@code s1}, any other key by the initials of its last part and the value ({@code model.epochs=2} is
     * {@code e2}, {@code model.batch-size=500} is {@code bs500}, {@code model.fail=true} is {@code f=true}); e.g.
     * {@code ctgan e2 s1}.
     */
    public String shortLabel() {
        StringBuilder sb = new StringBuilder();
        assignments.forEach((k, raw) -> {
            String v = raw.matches("\"[A-Za-z0-9._-]*\"") ? raw.substring(1, raw.length() - 1) : raw;
            String last = k.substring(k.lastIndexOf('.') + 1);
            String part;
            if (last.equals("type")) {
                part = v;
            } else if (k.equals("seed")) {
                part = "s" + v;
            } else {
                StringBuilder initials = new StringBuilder();
                for (String w : last.split("[-_]")) {
                    if (!w.isEmpty()) {
                        initials.append(w.charAt(0));
                    }
                }
                part = initials + (v.matches("[-0-9.].*") ? "" : "=") + v;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(part);
        });
        return sb.toString();
    }

    /** Each trial's run name: its {@link #shortLabel()}, or its full {@link #label()} where two short ones would be the same. */
    public static Map<Integer, String> runNames(List<Trial> trials) {
        Map<String, Long> counts = new java.util.HashMap<>();
        trials.forEach(t -> counts.merge(t.shortLabel(), 1L, Long::sum));
        Map<Integer, String> out = new LinkedHashMap<>();
        trials.forEach(t -> out.put(t.index(), counts.get(t.shortLabel()) == 1 && !t.shortLabel().isEmpty() ? t.shortLabel() : t.label()));
        return out;
    }

    /** The {@code --set key=value} arguments that turn the base experiment file into this trial. */
    public List<String> overrides() {
        return assignments.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
