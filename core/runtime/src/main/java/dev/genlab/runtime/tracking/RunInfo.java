package dev.genlab.runtime.tracking;

import java.util.Objects;

/**
 * Identity of a run.
 *
 * @param id         unique id, also the run's directory name in the local store
 * @param name       human name (experiment name, trial and seed)
 * @param experiment the experiment it belongs to
 * @param parentId   the parent run (a sweep), or null
 * @param startTimeMillis when it began
 */
public record RunInfo(String id, String name, String experiment, String parentId, long startTimeMillis) {
    public RunInfo {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(experiment, "experiment is null");
    }
}
