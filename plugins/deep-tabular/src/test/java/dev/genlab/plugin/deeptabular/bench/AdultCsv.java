package dev.genlab.plugin.deeptabular.bench;

import dev.genlab.spi.Column;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * A small reader of the UCI Adult CSV files for the benchmark ({@code ?} is missing, the test file's trailing
 * {@code .} on the label is dropped); train and test share one schema. The real dataset plugin lives elsewhere.
 */
public final class AdultCsv {
    static final Set<String> NUMERIC = Set.of("age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week");
    public static final String TARGET = "income";
    public static final String POSITIVE = ">50K";

    private AdultCsv() {
    }

    /** {@code [train, test]}. */
    public static Table[] load(Path train, Path test) throws IOException {
        List<String[]> trainRows = read(train);
        List<String[]> testRows = read(test);
        String[] header = trainRows.remove(0);
        testRows.remove(0);
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (NUMERIC.contains(header[c])) {
                columns.add(Column.integer(header[c]));
            } else {
                Set<String> levels = new TreeSet<>();
                for (List<String[]> rows : List.of(trainRows, testRows)) {
                    for (String[] r : rows) {
                        if (!r[c].equals("?")) {
                            levels.add(r[c]);
                        }
                    }
                }
                columns.add(Column.categorical(header[c], List.copyOf(levels)));
            }
        }
        Schema schema = Schema.of(columns).withTarget(TARGET);
        return new Table[] {table(schema, trainRows), table(schema, testRows)};
    }

    private static Table table(Schema schema, List<String[]> rows) {
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            if (column.isNumeric()) {
                double[] v = new double[rows.size()];
                for (int i = 0; i < v.length; i++) {
                    String s = rows.get(i)[c];
                    v[i] = s.equals("?") ? Double.NaN : Double.parseDouble(s);
                }
                arrays.add(v);
            } else {
                int[] codes = new int[rows.size()];
                for (int i = 0; i < codes.length; i++) {
                    String s = rows.get(i)[c];
                    codes[i] = s.equals("?") ? Table.MISSING_CODE : column.codeOf(s);
                }
                arrays.add(codes);
            }
        }
        return Table.of(schema, arrays);
    }

    private static List<String[]> read(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                int last = cells.length - 1;
                if (cells[last].endsWith(".")) {
                    cells[last] = cells[last].substring(0, cells[last].length() - 1);
                }
                rows.add(cells);
            }
        }
        if (rows.size() < 2) {
            throw new IOException(file + " has no data rows");
        }
        int width = rows.get(0).length;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).length != width) {
                throw new IOException(file + ": row " + (i + 1) + " has " + rows.get(i).length + " cells, header " + width + ": " + Arrays.toString(rows.get(i)));
            }
        }
        return rows;
    }
}
