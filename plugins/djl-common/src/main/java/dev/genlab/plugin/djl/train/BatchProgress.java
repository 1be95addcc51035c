package dev.genlab.plugin.djl.train;

/**
 * Where a trainer reports the batches of the epoch in progress, so that an epoch of minutes still moves the
 * progress bar ({@code epoch 1/2: batch 120/651}).
 */
@FunctionalInterface
public interface BatchProgress {
    /** Reports nothing. */
    BatchProgress NONE = (done, total) -> {
    };

    /** {@code done} of the epoch's {@code total} batches are finished. */
    void batchDone(long done, long total);
}
