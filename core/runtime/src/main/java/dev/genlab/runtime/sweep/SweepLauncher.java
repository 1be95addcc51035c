package dev.genlab.runtime.sweep;

import java.util.Map;

/**
 * A {@link TrialLauncher} with a lifecycle: opened once the sweep's parent run exists (its tags go onto the parent,
 * e.g. a cluster's application id), closed when the sweep ends. {@link #launch} is called from the sweep's
 * {@link #concurrency} threads at once.
 */
public interface SweepLauncher extends TrialLauncher, AutoCloseable {
    /** How trials report that they really started when a launcher queues them (a cluster scheduling its tasks). */
    interface TrialEvents {
        TrialEvents NONE = new TrialEvents() {
            @Override
            public void started(int index) {
            }

            @Override
            public void retrying(int index, String why) {
            }
        };

        void started(int index);

        /** An attempt of the trial failed and it runs again (it appears once in the store, as its last attempt). */
        void retrying(int index, String why);
    }

    /** What the sweep's display says about where trials run, e.g. {@code 2 at a time} or {@code on spark://host:7077}. */
    String where(SweepPlan plan);

    /** Trials handed to {@link #launch} at once. */
    default int concurrency(SweepPlan plan) {
        return plan.parallelism();
    }

    /**
     * Whether {@link #launch} only queues a trial and {@link TrialEvents#started} says when it runs. A queued trial
     * cancelled before it started returns KILLED and leaves no run: the sweep counts it not run, as a local trial
     * never launched.
     */
    default boolean queues() {
        return false;
    }

    /** Called once before the first trial; returns tags for the parent run. */
    default Map<String, String> open(SweepPlan plan, String parentId, TrialEvents events) throws Exception {
        return Map.of();
    }

    @Override
    default void close() throws Exception {
    }
}
