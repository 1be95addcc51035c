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

    /** The {@code --set key=value} arguments that turn the base experiment file into this trial. */
    public List<String> overrides() {
        return assignments.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
