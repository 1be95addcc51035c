package dev.genlab.runtime.run;

import dev.genlab.runtime.report.ScoreCard;
import dev.genlab.runtime.tracking.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a run ended.
 *
 * @param results    final metric values ({@code metric.key}), in computation order
 * @param headlines  each metric's headline key ({@code metric -> metric.key})
 * @param seconds    wall time per phase ({@code load}, {@code fit}, {@code sample}, {@code evaluate})
 * @param card       the score card, null when the run did not get to the end of evaluation
 * @param degenerate why the run's numbers do not mean much (data below a metric's minimum sizes); empty if fine
 * @param warnings   caveats the model recorded (e.g. bounds read from the private data); empty if none
 */
public record RunOutcome(String runId, Path directory, RunStatus status, String error, Map<String, Double> results,
        Map<String, String> headlines, Map<String, Double> seconds, ScoreCard card, List<String> degenerate, List<String> warnings) {
}
