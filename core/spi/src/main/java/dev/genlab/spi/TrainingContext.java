package dev.genlab.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** {@link PluginContext} plus what training needs: per-step metrics and a place for checkpoints. */
public interface TrainingContext extends PluginContext {
    /**
     * Records one point of a metric history (e.g. {@code loss.generator} at epoch 12). Steps increase per key;
     * they become MLflow metric histories and loss plots.
     */
    void logMetric(String key, double value, long step);

    default void logMetrics(Map<String, Double> values, long step) {
        values.forEach((k, v) -> logMetric(k, v, step));
    }

    /**
     * Records a final value the fit produced about the model itself, not about the data it samples — the privacy
     * budget a differentially private model spent ({@code privacy.epsilon-spent}). The runtime keeps it with the
     * metrics' values: results.json, a tag, an MLflow metric, the terminal summary, the score card and the report.
     * The default logs it as a one-point metric history.
     */
    default void logResult(String key, double value) {
        logMetric(key, value, 0);
    }

    /**
     * Records a caveat the run's reader must see, such as "bounds were read from the private data". The runtime
     * keeps it on the run (run.json {@code warnings}, the tag {@code genlab.warnings}) and shows it in the terminal
     * summary, the score card and the report. The default drops it.
     */
    default void warn(String message) {
    }

    /** A directory for checkpoints, kept with the run. */
    Path checkpointDirectory();

    /**
     * The public domain the run's dataset declares ({@link Dataset#publicDomain()}), for a model that must not read
     * its bounds or categories off the training rows (a differentially private one). Empty when the dataset declares
     * none.
     */
    default Optional<PublicDomain> publicDomain() {
        return Optional.empty();
    }
}
