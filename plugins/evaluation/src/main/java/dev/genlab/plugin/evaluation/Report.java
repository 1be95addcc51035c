package dev.genlab.plugin.evaluation;

import dev.genlab.spi.PluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a metric writes besides its numbers: CSV tables and notes (why a value is NaN), as artifacts under the
 * metric's name; notes are also logged (debug level: the runner shows the values, the notes are in the artifacts).
 */
final class Report {
    private static final System.Logger LOG = System.getLogger(Report.class.getName());

    private final String metric;
    private final List<String> notes = new ArrayList<>();

    Report(String metric) {
        this.metric = metric;
    }

    /** Records why something could not be computed. */
    synchronized void note(String message) {
        notes.add(message);
        LOG.log(System.Logger.Level.DEBUG, metric + ": " + message);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** A CSV table {@code <metric>/<name>}; cells are quoted when needed, NaN is written as an empty cell. */
    static String csv(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, new ArrayList<>(header));
        for (List<Object> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    void write(PluginContext context, String name, String content) {
        try {
            context.artifacts().write(metric + "/" + name, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + metric + "/" + name, e);
        }
    }

    /** Writes the notes, if any, as {@code <metric>/notes.txt}. */
    synchronized void writeNotes(PluginContext context) {
        if (!notes.isEmpty()) {
            write(context, "notes.txt", String.join("\n", notes) + "\n");
        }
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object cell = cells.get(i);
            String s;
            if (cell == null || (cell instanceof Double d && Double.isNaN(d))) {
                s = "";
            } else if (cell instanceof Double d) {
                s = String.format(Locale.ROOT, "%.10g", d);
            } else {
                s = cell.toString();
            }
            out.append(s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s);
        }
        out.append('\n');
    }
}
