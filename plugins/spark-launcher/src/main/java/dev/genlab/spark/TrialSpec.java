package dev.genlab.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One trial as a Spark task runs it: its index and label (for logs), the {@code genlab} command after {@code java}
 * (with {@link TrialTask#BUNDLE} and {@link TrialTask#RUNS} placeholders), its cores and how many attempts it has.
 */
record TrialSpec(int index, String label, List<String> command, int cores, int maxAttempts) implements Serializable {
    TrialSpec {
        command = List.copyOf(command);
    }
}
