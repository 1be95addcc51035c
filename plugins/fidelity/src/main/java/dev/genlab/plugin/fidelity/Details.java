package dev.genlab.plugin.fidelity;

import dev.genlab.plugin.fidelity.FidelityMetric.ColumnScore;
import dev.genlab.plugin.fidelity.FidelityMetric.PairScore;
import dev.genlab.spi.ArtifactSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The per-column and per-pair scores as CSV artifacts ({@code fidelity/columns.csv}, {@code fidelity/pairs.csv}):
 * RFC 4180, numbers as Java prints doubles (round-trip exact), undefined values as empty cells with a note.
 */
final class Details {
    static final String COLUMNS = "fidelity/columns.csv";
    static final String PAIRS = "fidelity/pairs.csv";

    private Details() {
    }

    static void write(ArtifactSink sink, ColumnScore[] columns, PairScore[] pairs) {
        StringBuilder c = new StringBuilder("column,type,metric,score,note\n");
        for (ColumnScore s : columns) {
            c.append(text(s.column())).append(',').append(s.kind().name().toLowerCase(Locale.ROOT)).append(',')
                    .append(s.metric()).append(',').append(number(s.score())).append(',').append(text(s.note())).append('\n');
        }
        StringBuilder p = new StringBuilder("column_a,column_b,metric,score,real_correlation,synthetic_correlation,note\n");
        for (PairScore s : pairs) {
            p.append(text(s.columnA())).append(',').append(text(s.columnB())).append(',').append(s.metric()).append(',')
                    .append(number(s.score())).append(',').append(number(s.realCorrelation())).append(',')
                    .append(number(s.syntheticCorrelation())).append(',').append(text(s.note())).append('\n');
        }
        try {
            sink.write(COLUMNS, c.toString().getBytes(StandardCharsets.UTF_8));
            sink.write(PAIRS, p.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("fidelity: cannot write " + COLUMNS + " and " + PAIRS, e);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String text(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
