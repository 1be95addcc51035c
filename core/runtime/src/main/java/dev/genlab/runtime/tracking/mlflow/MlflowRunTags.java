package dev.genlab.runtime.tracking.mlflow;

import dev.genlab.runtime.tracking.RunStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code mlflow.*} tags the MLflow UI reads, made from what genlab records locally: run name, source, git
 * commit, parent run, and a one-paragraph note. The local store keeps genlab's own tags only; these exist only
 * on the server.
 */
final class MlflowRunTags {
    static final String RUN_NAME = "mlflow.runName";
    static final String NOTE = "mlflow.note.content";
    static final String SOURCE_NAME = "mlflow.source.name";
    static final String SOURCE_TYPE = "mlflow.source.type";
    static final String GIT_COMMIT = "mlflow.source.git.commit";
    static final String PARENT = "mlflow.parentRunId";
    static final String USER = "mlflow.user";
    static final String ERROR = "genlab.error";
    /** genlab's score card (Markdown), which the description leads with; see {@code Runner.SCORECARD_TAG}. */
    static final String SCORECARD = "genlab.scorecard";

    private MlflowRunTags() {
    }

    /** Tags the run is created with. {@code parentRunId} is the MLflow id of the parent run, or null. */
    static Map<String, String> atCreation(String runName, String sourceName, String parentRunId) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(RUN_NAME, runName);
        t.put(SOURCE_TYPE, "LOCAL");
        if (sourceName != null) {
            t.put(SOURCE_NAME, sourceName);
        }
        t.put(USER, System.getProperty("user.name", "unknown"));
        if (parentRunId != null) {
            t.put(PARENT, parentRunId);
        }
        return t;
    }

    /** genlab's tags plus the MLflow ones derived from them. */
    static Map<String, String> withDerived(Map<String, String> genlabTags) {
        Map<String, String> t = new LinkedHashMap<>(genlabTags);
        String commit = genlabTags.get("genlab.git_commit");
        if (commit != null) {
            t.put(GIT_COMMIT, commit);
        }
        String file = genlabTags.get("genlab.experiment_file");
        if (file != null && !file.equals("null")) {
            t.put(SOURCE_NAME, file);
        }
        return t;
    }

    /** The run's description in the MLflow UI (Markdown): what ran on what, and how it ended. */
    static String note(String runName, Map<String, String> genlabTags, RunStatus status, String error) {
        StringBuilder b = new StringBuilder();
        b.append("genlab run **").append(runName).append("**");
        String model = genlabTags.get("genlab.model");
        String dataset = genlabTags.get("genlab.dataset");
        if (model != null && dataset != null) {
            b.append(": model `").append(model).append("` on dataset `").append(dataset).append('`');
            String digest = genlabTags.get("genlab.dataset.sha256");
            if (digest != null && digest.length() >= 12) {
                b.append(" (sha256 ").append(digest, 0, 12).append("…)");
            }
        }
        if ("true".equals(genlabTags.get("genlab.sweep"))) {
            b.append(": a sweep of ").append(genlabTags.getOrDefault("genlab.sweep.trials", "its")).append(" trials over ")
                    .append(genlabTags.getOrDefault("genlab.sweep.axes", "its axes")).append(" on dataset `")
                    .append(genlabTags.getOrDefault("genlab.dataset", "?")).append('`');
            String finished = genlabTags.get("genlab.sweep.finished");
            if (finished != null) {
                b.append(" (").append(finished).append(" finished, ").append(genlabTags.getOrDefault("genlab.sweep.failed", "0")).append(" failed, ")
                        .append(genlabTags.getOrDefault("genlab.sweep.not_run", "0")).append(" not run)");
            }
            b.append("; the trials are nested below, the comparison over seeds is in the artifacts (report/report.html)");
        }
        String seed = genlabTags.get("genlab.seed");
        if (seed != null) {
            b.append(", seed ").append(seed);
        }
        String file = genlabTags.get("genlab.experiment_file");
        if (file != null && !file.equals("null")) {
            b.append(", from `").append(file).append('`');
        }
        b.append('.');
        String card = genlabTags.get(SCORECARD);
        if (card != null && !card.isBlank()) {
            b.insert(0, "**Score card**\n\n" + card + "\n");
        }
        if (status != null && status.isTerminal()) {
            b.append("\n\nStatus: ").append(status.name());
            if (error != null) {
                b.append(": ").append(error.lines().findFirst().orElse(""));
            }
        }
        return b.toString();
    }

    /** Tags set when the run ends: the final note and, for a failure, the error. */
    static Map<String, String> atEnd(String runName, Map<String, String> genlabTags, RunStatus status, String error) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(NOTE, note(runName, genlabTags, status, error));
        if (error != null) {
            t.put(ERROR, error);
        }
        return t;
    }
}
