package dev.genlab.runtime.sweep;

import dev.genlab.runtime.report.Comparison;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a sweep ended.
 *
 * @param trials    the trial runs as recorded in the store
 * @param notRun    trials never started (the sweep was cancelled first)
 * @param failures  trial label to error, for trials that failed to run at all or ended FAILED
 * @param comparison the finished trials compared per setting, or null if none finished
 */
public record SweepOutcome(String parentId, Path directory, RunStatus status, List<StoredRun> trials, int notRun, Map<String, String> failures, Comparison comparison) {
}
