package dev.genlab.plugin.datasets;

import dev.genlab.spi.Column;
import dev.genlab.spi.DataException;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed CSV rows into a {@link Table}: checks the shape, infers or applies column kinds, and reports bad
 * values with their line and column.
 */
final class TableReader {
    private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

    private TableReader() {
    }

    /**
     * @param headerLine line of the header (for messages about columns)
     * @param hasHeader  whether the names came from a header line (else they were generated from the first row)
     * @param header   column names (from the header line, or generated)
     * @param rows     data rows
     * @param missing  tokens that mean "missing" (compared after trimming)
     * @param declared declared kinds by column name, all of them in {@code header}; others are inferred
     * @param levels   for categorical columns, extra levels to include (e.g. from a second file), may be empty
     */
    static Table read(String source, long headerLine, boolean hasHeader, List<String> header, List<CsvFormat.Row> rows, Set<String> missing,
            Map<String, ColumnKind> declared, int maxCategories, Map<String, ? extends Collection<String>> levels) {
        checkHeader(source, headerLine, header);
        int cols = header.size();
        String widthFrom = hasHeader ? "the header has " : "the first row has ";
        for (CsvFormat.Row r : rows) {
            if (r.fields().length != cols) {
                throw new DataException(source, r.line(), "line has " + r.fields().length + (r.fields().length == 1 ? " field" : " fields")
                        + " but " + widthFrom + cols);
            }
        }
        List<Column> columns = new ArrayList<>(cols);
        List<Object> arrays = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            String name = header.get(c);
            ColumnKind kind = declared.get(name);
            if (kind != ColumnKind.CATEGORICAL) {
                NumericColumn numeric = numeric(source, rows, c, name, missing, kind);
                if (numeric != null) {
                    columns.add(numeric.integral() ? Column.integer(name) : Column.numeric(name));
                    arrays.add(numeric.values());
                    continue;
                }
            }
            columns.add(categorical(source, headerLine, rows, c, name, missing, maxCategories, levels.get(name)));
            arrays.add(codes(rows, c, missing, columns.get(c)));
        }
        return Table.of(Schema.of(columns), arrays);
    }

    private record NumericColumn(double[] values, boolean integral) {
    }

    /**
     * Reads column {@code c} as numbers in one pass. For an inferred column ({@code declared} null) the first value
     * that is not a number makes it categorical (null is returned); NaN/inf tokens or overflowing numbers are
     * reported only once the column has turned out numeric, so a text column may contain the word "NaN".
     */
    private static NumericColumn numeric(String source, List<CsvFormat.Row> rows, int c, String name, Set<String> missing, ColumnKind declared) {
        double[] values = new double[rows.size()];
        boolean whole = true;
        DataException pending = null;
        for (int r = 0; r < rows.size(); r++) {
            CsvFormat.Row row = rows.get(r);
            String v = row.fields()[c].trim();
            if (missing.contains(v)) {
                values[r] = Double.NaN;
                continue;
            }
            double d = parse(v);
            DataException problem = null;
            if (Double.isNaN(d)) {
                if (isNonFinite(v)) {
                    problem = new DataException(source, row.line(), "column '" + name + "': '" + v + "' is not a finite number;"
                            + " list it in 'missing' to read it as a missing value");
                } else if (declared == null) {
                    return null;
                } else {
                    throw new DataException(source, row.line(), "column '" + name + "': '" + v + "' is not a number (the column is declared "
                            + declared.name().toLowerCase(Locale.ROOT) + ")");
                }
            } else if (Double.isInfinite(d)) {
                problem = new DataException(source, row.line(), "column '" + name + "': '" + v + "' is too large for a number");
            } else if (declared == ColumnKind.INTEGER && d != Math.rint(d)) {
                throw new DataException(source, row.line(), "column '" + name + "': '" + v + "' is not a whole number (the column is declared integer)");
            }
            if (problem != null) {
                if (declared != null) {
                    throw problem;
                }
                pending = pending == null ? problem : pending;
                continue;
            }
            whole &= d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15;
            values[r] = d;
        }
        if (pending != null) {
            throw pending;
        }
        return new NumericColumn(values, declared == ColumnKind.INTEGER || (declared == null && whole));
    }

    /** A categorical column whose levels are the distinct non-missing values plus {@code extra}, sorted. */
    private static Column categorical(String source, long headerLine, List<CsvFormat.Row> rows, int c, String name, Set<String> missing,
            int maxCategories, Collection<String> extra) {
        Set<String> distinct = new HashSet<>();
        if (extra != null) {
            distinct.addAll(extra);
        }
        for (CsvFormat.Row r : rows) {
            String v = r.fields()[c].trim();
            if (!missing.contains(v)) {
                distinct.add(v);
            }
        }
        if (distinct.size() > maxCategories) {
            throw new DataException(source, headerLine, "column '" + name + "' has " + distinct.size() + " distinct values, more than max-categories = "
                    + maxCategories + "; declare it numeric in 'columns', drop it, or raise max-categories");
        }
        List<String> levels = new ArrayList<>(distinct);
        Collections.sort(levels); // deterministic: independent of row order and hashing
        return Column.categorical(name, levels);
    }

    private static int[] codes(List<CsvFormat.Row> rows, int c, Set<String> missing, Column column) {
        Map<String, Integer> code = new HashMap<>();
        for (int i = 0; i < column.levels().size(); i++) {
            code.put(column.levels().get(i), i);
        }
        int[] codes = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String v = rows.get(r).fields()[c].trim();
            codes[r] = missing.contains(v) ? Table.MISSING_CODE : code.get(v);
        }
        return codes;
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

    /** NaN, inf, Infinity in any case, with an optional sign. */
    private static boolean isNonFinite(String v) {
        int n = v.length();
        if (n < 3 || n > 9) {
            return false;
        }
        return NON_FINITE.contains(v.toLowerCase(Locale.ROOT));
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
