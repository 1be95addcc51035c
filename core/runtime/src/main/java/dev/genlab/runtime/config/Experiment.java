package dev.genlab.runtime.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import dev.genlab.spi.Measure;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated experiment: every plugin found and its config bound.
 *
 * @param file      the experiment file
 * @param name      the experiment's name (its {@code name}, else the file name without extension)
 * @param resolved  the whole resolved config (after includes, substitutions and {@code --set} overrides)
 * @param target    the {@code dataset.target} the user set, if any (else the dataset's own)
 * @param sensitive the {@code dataset.sensitive} the user set, if any (else the dataset's own)
 * @param thresholds score-card bounds the experiment sets ({@code report.thresholds}), by full metric key
 */
public record Experiment(Path file, String name, Config resolved, ExperimentSettings settings, PluginSpec dataset,
        Optional<String> target, Optional<List<String>> sensitive, PluginSpec model, List<PluginSpec> metrics,
        Map<String, Measure.Threshold> thresholds) {
    public Experiment {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(resolved, "resolved is null");
        Objects.requireNonNull(settings, "settings is null");
        Objects.requireNonNull(dataset, "dataset is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(sensitive, "sensitive is null");
        Objects.requireNonNull(model, "model is null");
        metrics = List.copyOf(metrics);
        thresholds = Map.copyOf(thresholds);
    }

    public long seed() {
        return settings.seed();
    }
}
