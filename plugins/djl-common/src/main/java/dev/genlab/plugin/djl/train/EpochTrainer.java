package dev.genlab.plugin.djl.train;

import dev.genlab.plugin.djl.nn.Weights;
import java.util.Map;

/** One model's training, an epoch at a time, as {@link TrainingLoop} drives it. */
public interface EpochTrainer {
    /**
     * Trains epoch {@code epoch} (1-based) and returns its metrics (e.g. {@code loss.generator}), each the mean over
     * the epoch's steps. A NaN or infinite value stops the run.
     */
    Map<String, Double> trainEpoch(int epoch);

    /**
     * Trains epoch {@code epoch}, telling {@code batches} after each batch. Trainers whose epochs take long override
     * it; the default trains the epoch without reports.
     */
    default Map<String, Double> trainEpoch(int epoch, BatchProgress batches) {
        return trainEpoch(epoch);
    }

    /** Everything a resumed run needs to continue exactly: weights, optimizer moments, running statistics. */
    Weights checkpointState();

    /** Restores {@link #checkpointState()}. */
    void restore(Weights state);

    /**
     * What the checkpoint must match to be resumed (model, architecture, data shape); a resumed run with another
     * fingerprint fails instead of loading mismatched weights.
     */
    String fingerprint();
}
