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
