package dev.genlab.runtime.util;

import dev.genlab.spi.Table;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link Table} as RFC 4180 CSV with a header; missing values are empty fields. */
public final class TableCsv {
    private TableCsv() {
    }

    /** Writes the table as CSV, atomically: a failure leaves no truncated file behind. */
    public static void write(Table table, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(table, w);
            }
        });
    }

    public static void write(Table table, Writer w) throws IOException {
        int cols = table.columnCount();
        for (int c = 0; c < cols; c++) {
            if (c > 0) {
                w.write(',');
            }
            w.write(quote(table.schema().column(c).name()));
        }
        w.write('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    w.write(',');
                }
                String v = table.text(c, r);
                if (v != null) {
                    w.write(quote(v));
                }
            }
            w.write('\n');
        }
    }

    static String quote(String v) {
        boolean needs = v.isEmpty() ? false : v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return needs ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
