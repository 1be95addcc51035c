package dev.genlab.spark;

import java.io.Serializable;

/**
 * What a trial's task returns to the driver: the exit code of its {@code genlab run}, the attempt it was, its
 * output, and its run directory zipped (empty if it made none).
 */
record TrialResult(int exitCode, int attempt, String log, byte[] run) implements Serializable {
}
