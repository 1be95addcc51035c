package dev.genlab.runtime.sweep;

import dev.genlab.runtime.report.Comparison;
import dev.genlab.runtime.report.HtmlReport;
import dev.genlab.runtime.report.ScoreCard;
import dev.genlab.runtime.run.Runner;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What a sweep's parent run records: the comparison of its finished trials (per setting: mean, std, min, max and
 * rank of every metric over seeds, best setting per metric family) as results, CSV and JSON artifacts, and the
 * sweep's HTML report.
 */
final class SweepAggregation {
    private SweepAggregation() {
    }

    static Comparison record(RunWriter parent, List<StoredRun> trials) {
        List<StoredRun> finished = trials.stream().filter(t -> t.status() == RunStatus.FINISHED).toList();
        if (finished.isEmpty()) {
            return null;
        }
        try {
            Comparison comparison = Comparison.of(finished);
            parent.file("artifacts/comparison.csv", comparison.csv().getBytes(StandardCharsets.UTF_8));
            parent.file("artifacts/comparison.json", comparison.json());
            ScoreCard card = ScoreCard.ofSweep(comparison);
            parent.runField("card", card.toJson());
            parent.runField("warnings", comparison.warnings());
            parent.tags(java.util.Map.of(Runner.SCORECARD_TAG, card.markdown(true)));
            long now = System.currentTimeMillis();
            // the parent's own metrics: each headline metric's mean per setting, e.g. "model.type:copula/fidelity.overall.mean"
            for (String metric : comparison.metrics().stream().filter(comparison::isHeadline).filter(comparison::isScore).toList()) {
                for (Comparison.Entry e : comparison.entries(metric)) {
                    String key = (e.setting().replaceAll("[^A-Za-z0-9_.\\- /:]", ":") + "/" + metric).toLowerCase(Locale.ROOT);
                    parent.result(key + ".mean", e.stats().mean(), now);
                    parent.result(key + ".std", e.stats().std(), now);
                }
            }
            HtmlReport.writeSweep(finished, parent.artifactsDirectory().resolve(HtmlReport.DIRECTORY));
            return comparison;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
