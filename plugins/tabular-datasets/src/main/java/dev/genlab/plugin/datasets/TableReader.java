package dev.genlab.plugin.datasets;

import dev.genlab.spi.Column;
import dev.genlab.spi.DataException;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns parsed CSV rows into a {@link Table}: checks the shape, infers or applies column kinds, and reports bad
 * values with their line and column.
 */
final class TableReader {
    private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

    private TableReader() {
    }

    /**
     * @param header   column names (from the header line, or generated)
     * @param rows     data rows
     * @param missing  tokens that mean "missing" (compared after trimming)
     * @param declared declared kinds by column name; others are inferred
     * @param levels   for categorical columns, extra levels to include (e.g. from a second file), may be empty
     */
    static Table read(String source, long headerLine, List<String> header, List<CsvFormat.Row> rows, Set<String> missing,
            Map<String, ColumnKind> declared, int maxCategories, Map<String, ? extends java.util.Collection<String>> levels) {
        checkHeader(source, headerLine, header);
        for (String name : declared.keySet()) {
            if (!header.contains(name)) {
                throw new DataException(source, headerLine, "column '" + name + "' is declared in 'columns' but the file has no such column; columns: "
                        + String.join(", ", header));
            }
        }
        int cols = header.size();
        for (CsvFormat.Row r : rows) {
            if (r.fields().length != cols) {
                throw new DataException(source, r.line(), "line has " + r.fields().length + (r.fields().length == 1 ? " field" : " fields")
                        + " but the header has " + cols);
            }
        }
        List<Column> columns = new ArrayList<>(cols);
        List<Object> arrays = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            String name = header.get(c);
            ColumnKind kind = declared.getOrDefault(name, infer(rows, c, missing));
            if (kind == ColumnKind.CATEGORICAL) {
                TreeSet<String> set = new TreeSet<>();
                if (levels.containsKey(name)) {
                    set.addAll(levels.get(name));
                }
                for (CsvFormat.Row r : rows) {
                    String v = r.fields()[c].trim();
                    if (!missing.contains(v)) {
                        set.add(v);
                    }
                }
                if (set.size() > maxCategories) {
                    throw new DataException(source, headerLine, "column '" + name + "' has " + set.size() + " distinct values, more than max-categories = "
                            + maxCategories + "; declare it numeric in 'columns', drop it, or raise max-categories");
                }
                List<String> lv = List.copyOf(set);
                Map<String, Integer> code = new HashMap<>();
                for (int i = 0; i < lv.size(); i++) {
                    code.put(lv.get(i), i);
                }
                int[] codes = new int[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    String v = rows.get(r).fields()[c].trim();
                    codes[r] = missing.contains(v) ? Table.MISSING_CODE : code.get(v);
                }
                columns.add(Column.categorical(name, lv));
                arrays.add(codes);
            } else {
                double[] values = new double[rows.size()];
                boolean whole = true;
                for (int r = 0; r < rows.size(); r++) {
                    CsvFormat.Row row = rows.get(r);
                    String v = row.fields()[c].trim();
                    if (missing.contains(v)) {
                        values[r] = Double.NaN;
                        continue;
                    }
                    if (NON_FINITE.contains(v.toLowerCase(Locale.ROOT))) {
                        throw new DataException(source, row.line(), "column '" + name + "': '" + v + "' is not a finite number;"
                                + " list it in 'missing' to read it as a missing value");
                    }
                    double d = parse(v);
                    if (Double.isNaN(d)) {
                        throw new DataException(source, row.line(), "column '" + name + "': '" + v + "' is not a number (the column is "
                                + (declared.containsKey(name) ? "declared " + kind.name().toLowerCase(Locale.ROOT) : "numeric") + ")");
                    }
                    if (Double.isInfinite(d)) {
                        throw new DataException(source, row.line(), "column '" + name + "': '" + v + "' is too large for a number");
                    }
                    if (kind == ColumnKind.INTEGER && d != Math.rint(d)) {
                        throw new DataException(source, row.line(), "column '" + name + "': '" + v + "' is not a whole number (the column is declared integer)");
                    }
                    whole &= d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15;
                    values[r] = d;
                }
                boolean integral = kind == ColumnKind.INTEGER || (!declared.containsKey(name) && whole);
                columns.add(integral ? Column.integer(name) : Column.numeric(name));
                arrays.add(values);
            }
        }
        return Table.of(Schema.of(columns), arrays);
    }

    private static void checkHeader(String source, long line, List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isBlank()) {
                throw new DataException(source, line, "column " + (i + 1) + " of the header has no name");
            }
            Integer before = seen.put(name, i);
            if (before != null) {
                throw new DataException(source, line, "duplicate column name '" + name + "' (columns " + (before + 1) + " and " + (i + 1) + ")");
            }
        }
    }

    /**
     * Numeric if every non-missing value is a number; non-finite tokens (NaN, inf) count as numbers here so that
     * reading the column reports them. A column of only missing values is numeric (all NaN).
     */
    private static ColumnKind infer(List<CsvFormat.Row> rows, int c, Set<String> missing) {
        for (CsvFormat.Row r : rows) {
            String v = r.fields()[c].trim();
            if (!missing.contains(v) && !NON_FINITE.contains(v.toLowerCase(Locale.ROOT)) && Double.isNaN(parse(v))) {
                return ColumnKind.CATEGORICAL;
            }
        }
        return ColumnKind.NUMERIC;
    }

    /** A plain decimal number (no hex, no 'd'/'f' suffixes), or NaN if the text is not one. */
    static double parse(String s) {
        int n = s.length();
        if (n == 0) {
            return Double.NaN;
        }
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return Double.NaN;
            }
        }
        return i == n ? Double.parseDouble(s) : Double.NaN;
    }
}
