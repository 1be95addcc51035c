package dev.genlab.plugin.fidelity;

import dev.genlab.spi.Column;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A test-only reader for the fixture CSVs ({@code src/test/resources/fixtures/<name>-real.csv} and
 * {@code -synthetic.csv}): header row, ',' separated, no quoting, an empty cell is missing. A column is numeric if
 * every present cell of both files is a decimal number (integral if all are whole), categorical otherwise, with the
 * sorted union of both files' values as levels, so the two tables share one schema. (The real CSV dataset plugin
 * lives in another module; these tests do not depend on it.)
 */
final class FixtureTables {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    /** A real table and a synthetic one with the same schema. */
    record Pair(Table real, Table synthetic) {
    }

    private FixtureTables() {
    }

    static Pair load(String fixture) {
        List<String[]> real = read(fixture + "-real.csv");
        List<String[]> synthetic = read(fixture + "-synthetic.csv");
        String[] header = real.get(0);
        if (!Arrays.equals(header, synthetic.get(0))) {
            throw new IllegalStateException(fixture + ": headers differ");
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            columns.add(infer(header[c], c, real, synthetic));
        }
        Schema schema = Schema.of(columns);
        return new Pair(table(schema, real), table(schema, synthetic));
    }

    private static List<String[]> read(String file) {
        try (InputStream in = FixtureTables.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + file);
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                if (line.indexOf('"') >= 0) {
                    throw new IllegalStateException(file + ": quoting is not supported: " + line);
                }
                if (!line.isEmpty()) {
                    rows.add(line.split(",", -1));
                }
            }
            for (String[] row : rows) {
                if (row.length != rows.get(0).length) {
                    throw new IllegalStateException(file + ": ragged row " + String.join(",", row));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Column infer(String name, int c, List<String[]> real, List<String[]> synthetic) {
        boolean numeric = true;
        boolean integral = true;
        TreeSet<String> levels = new TreeSet<>();
        for (List<String[]> rows : List.of(real, synthetic)) {
            for (String[] row : rows.subList(1, rows.size())) {
                String cell = row[c];
                if (cell.isEmpty()) {
                    continue;
                }
                levels.add(cell);
                if (NUMBER.matcher(cell).matches()) {
                    double v = Double.parseDouble(cell);
                    integral &= v == Math.rint(v);
                } else {
                    numeric = false;
                }
            }
        }
        if (!numeric) {
            return Column.categorical(name, List.copyOf(levels));
        }
        return integral ? Column.integer(name) : Column.numeric(name);
    }

    private static Table table(Schema schema, List<String[]> rows) {
        int n = rows.size() - 1;
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            if (column.isNumeric()) {
                double[] values = new double[n];
                for (int r = 0; r < n; r++) {
                    String cell = rows.get(r + 1)[c];
                    values[r] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                }
                arrays.add(values);
            } else {
                int[] codes = new int[n];
                for (int r = 0; r < n; r++) {
                    String cell = rows.get(r + 1)[c];
                    codes[r] = cell.isEmpty() ? Table.MISSING_CODE : column.codeOf(cell);
                }
                arrays.add(codes);
            }
        }
        return Table.of(schema, arrays);
    }
}
