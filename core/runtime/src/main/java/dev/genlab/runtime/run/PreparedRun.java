package dev.genlab.runtime.run;

import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.spi.Data;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Metric;
import dev.genlab.spi.PublicDomain;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An experiment ready to run: plugins built, data loaded with its roles applied, every check passed. Nothing
 * has been written yet.
 *
 * @param data          the dataset's data (roles applied)
 * @param train         the training part
 * @param test          the held-out part
 * @param datasetDigest SHA-256 of the dataset's content
 * @param degenerate    why the run's numbers will not mean much: the split or sample falls below what a metric
 *                      declared it needs ({@link dev.genlab.spi.MetricPlugin#minimumSizes()}); empty if fine
 * @param publicDomain  the dataset's declared public domain, handed to the model's training context
 */
public record PreparedRun(Experiment experiment, LoadedData data, Data train, Data test, GenerativeModel model,
        List<ConfiguredMetric> metrics, String datasetDigest, List<String> degenerate, Optional<PublicDomain> publicDomain) {
    public PreparedRun {
        metrics = List.copyOf(metrics);
        degenerate = List.copyOf(degenerate);
        Objects.requireNonNull(publicDomain, "publicDomain is null");
    }

    /** A metric instance and how it was configured. */
    public record ConfiguredMetric(PluginSpec spec, Metric metric) {
    }
}
