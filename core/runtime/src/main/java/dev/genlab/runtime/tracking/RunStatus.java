package dev.genlab.runtime.tracking;

/** Life cycle of a run; the names match MLflow's run statuses. */
public enum RunStatus {
    RUNNING,
    FINISHED,
    FAILED,
    KILLED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
