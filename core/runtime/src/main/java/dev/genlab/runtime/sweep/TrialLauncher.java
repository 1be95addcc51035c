package dev.genlab.runtime.sweep;

import dev.genlab.runtime.tracking.RunStatus;

/**
 * Runs one trial as a child run of {@code parentId}. In-process for one trial at a time; as a separate process
 * when trials run in parallel (DJL's PyTorch engine allows one gradient collector per JVM, so parallel training
 * must be separate processes).
 */
@FunctionalInterface
public interface TrialLauncher {
    RunStatus launch(Trial trial, String runName, String parentId) throws Exception;
}
