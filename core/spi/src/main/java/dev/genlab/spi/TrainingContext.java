package dev.genlab.spi;

import java.nio.file.Path;
import java.util.Map;

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
}
