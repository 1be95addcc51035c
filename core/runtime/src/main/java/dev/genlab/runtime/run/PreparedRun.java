package dev.genlab.runtime.run;

import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.spi.Data;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Metric;
import java.util.List;

/**
 * An experiment ready to run: plugins built, data loaded with its roles applied, every check passed. Nothing
 * has been written yet.
 *
 * @param data          the dataset's data (roles applied)
 * @param train         the training part
 * @param test          the held-out part
 * @param datasetDigest SHA-256 of the dataset's content
 */
public record PreparedRun(Experiment experiment, LoadedData data, Data train, Data test, GenerativeModel model,
        List<ConfiguredMetric> metrics, String datasetDigest) {
    public PreparedRun {
        metrics = List.copyOf(metrics);
    }

    /** A metric instance and how it was configured. */
    public record ConfiguredMetric(PluginSpec spec, Metric metric) {
    }
}
