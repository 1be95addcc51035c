package dev.genlab.runtime.sweep;

import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.store.StoredRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a sweep's parent run records about its trials. */
final class SweepAggregation {
    private SweepAggregation() {
    }

    static void record(RunWriter parent, List<StoredRun> trials) {
        try {
            Set<String> keys = new LinkedHashSet<>();
            for (StoredRun t : trials) {
                keys.addAll(t.results().keySet());
            }
            StringBuilder csv = new StringBuilder("run,name,status");
            for (String k : keys) {
                csv.append(',').append(k);
            }
            csv.append('\n');
            for (StoredRun t : trials) {
                Map<String, Double> results = t.results();
                csv.append(t.id()).append(",\"").append(t.name().replace("\"", "\"\"")).append("\",").append(t.effectiveStatus());
                for (String k : keys) {
                    Double v = results.get(k);
                    csv.append(',').append(v == null || v.isNaN() ? "" : v.toString());
                }
                csv.append('\n');
            }
            parent.file("artifacts/trials.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
