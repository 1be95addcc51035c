package dev.genlab.runtime.sweep;

import dev.genlab.runtime.ExitCodes;
import dev.genlab.runtime.tracking.RunStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A trial as a {@code genlab run} process: {@code run FILE --quiet --runs STORE --trial-of PARENT --name NAME --set ...},
 * and what its exit code means. One trial per JVM: DJL's PyTorch engine allows one gradient collector per JVM.
 */
public final class TrialCommand {
    private TrialCommand() {
    }

    /**
     * @param overrides the sweep's own {@code --set} arguments, then the trial's values (later ones win)
     */
    public static List<String> arguments(String file, String runs, String parentId, String runName, List<String> overrides, List<String> pluginDirs) {
        List<String> out = new ArrayList<>(List.of("run", file, "--quiet", "--runs", runs, "--trial-of", parentId, "--name", runName));
        for (String o : overrides) {
            out.add("--set");
            out.add(o);
        }
        for (String d : pluginDirs) {
            out.add("--plugins");
            out.add(d);
        }
        return out;
    }

    /** The trial's status from its process's exit code; a refused trial (a user error) is an exception naming {@code log}. */
    public static RunStatus status(int exitCode, int index, String log) {
        return switch (exitCode) {
            case ExitCodes.OK -> RunStatus.FINISHED;
            case ExitCodes.CANCELLED -> RunStatus.KILLED;
            case ExitCodes.USER_ERROR -> throw new IllegalStateException("trial #" + index + " was refused: see " + log);
            default -> RunStatus.FAILED;
        };
    }
}
