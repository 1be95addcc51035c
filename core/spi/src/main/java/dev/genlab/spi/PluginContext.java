package dev.genlab.spi;

import java.util.SplittableRandom;

/** Services the runtime gives a plugin while it trains or evaluates. */
public interface PluginContext {
    /** The seed of this run (or trial). */
    long seed();

    /**
     * A random stream derived from the run's seed and {@code purpose} ("init", "batches", "subsample"…): the same
     * purpose gives the same stream in every run with the same seed, different purposes independent streams.
     */
    SplittableRandom random(String purpose);

    /** A progress bar for {@code total} units of work ({@code unit} e.g. "epoch", "row"). */
    Progress progress(String task, long total, String unit);

    /** Where this plugin's files (plots, tables, checkpoints) go; they become the run's artifacts. */
    ArtifactSink artifacts();

    /** True once the user asked to stop (Ctrl-C); long loops check it and return early. */
    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} if the run was cancelled. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new java.util.concurrent.CancellationException("cancelled by the user");
        }
    }
}
