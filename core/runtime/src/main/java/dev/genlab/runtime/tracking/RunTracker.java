package dev.genlab.runtime.tracking;

import java.nio.file.Path;
import java.util.Map;

/**
 * Receives what a run records, as it happens. The local run store is always the first tracker and the source of
 * truth; others (MLflow) mirror it and may fail without losing anything — {@code genlab sync} replays the store.
 * Calls come from one thread at a time.
 */
public interface RunTracker {
    /** The run began; {@code info} carries its id, names and start time. */
    void started(RunInfo info);

    void params(Map<String, String> params);

    void tags(Map<String, String> tags);

    /** One point of a metric history; final evaluation metrics use step 0. */
    void metric(String key, double value, long step, long timestampMillis);

    /** A file that is now part of the run, at {@code path} relative to its artifact root. */
    void artifact(String path, Path file);

    /**
     * Called once, before {@link #started}: {@code cancelled} turns true when the user cancels the run (a signal, read
     * from another thread). A tracker that may wait on something slow (a server) gives the wait up then, so the run
     * can end KILLED at once; the {@link #ended} call that follows still comes.
     */
    default void cancelWhen(java.util.function.BooleanSupplier cancelled) {
    }

    /** The run ended. {@code error} is null unless it failed. */
    void ended(RunStatus status, String error, long endTimeMillis);
}
