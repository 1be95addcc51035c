package dev.genlab.runtime.sweep;

import dev.genlab.runtime.tracking.RunStatus;

/**
 * Runs one trial as a child run of {@code parentId} and says how it ended. The launchers ({@link SweepLauncher},
 * chosen by {@code sweep.launcher}) run it in this JVM, as a local process, or on a cluster; DJL's PyTorch engine
 * allows one gradient collector per JVM, so trials that run at the same time are separate processes.
 */
@FunctionalInterface
public interface TrialLauncher {
    RunStatus launch(Trial trial, String runName, String parentId) throws Exception;
}
