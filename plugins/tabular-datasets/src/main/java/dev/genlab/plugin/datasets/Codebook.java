package dev.genlab.plugin.datasets;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.DataException;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.spi.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A bundled CSV file read by its codebook: each column's kind, the labels of its codes, and its public domain (the
 * codebook's ranges and category sets). A value the codebook does not allow is a {@link DataException} at its line,
 * so a bundled file can never load a value outside its declared domain.
 */
final class Codebook {
    /** The source's token for a missing value. */
    static final String MISSING = "?";

    /**
     * One column.
     *
     * @param labels for a coded (categorical) column, the source's codes and their labels in level order (several codes
     *               may share a label); else empty
     */
    record Entry(String name, ColumnKind kind, Map<String, String> labels, ColumnDomain domain) {
        Entry orMissing() {
            return new Entry(name, kind, labels, domain.orMissing());
        }
    }

    private final List<Entry> entries;

    Codebook(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static Entry integer(String name, double min, double max) {
        return new Entry(name, ColumnKind.INTEGER, Map.of(), ColumnDomain.range(min, max));
    }

    static Entry real(String name, double min, double max) {
        return new Entry(name, ColumnKind.NUMERIC, Map.of(), ColumnDomain.range(min, max));
    }

    /** A categorical column; {@code codesAndLabels} alternate: the source's code, then its label. */
    static Entry coded(String name, String... codesAndLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < codesAndLabels.length; i += 2) {
            labels.put(codesAndLabels[i], codesAndLabels[i + 1]);
        }
        return new Entry(name, ColumnKind.CATEGORICAL, labels, ColumnDomain.categories(labels.values().stream().distinct().toList()));
    }

    /** A categorical column whose values are their own labels. */
    static Entry categories(String name, List<String> levels) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String level : levels) {
            labels.put(level, level);
        }
        return new Entry(name, ColumnKind.CATEGORICAL, labels, ColumnDomain.categories(levels));
    }

    List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    PublicDomain domain(String source) {
        Map<String, ColumnDomain> columns = new LinkedHashMap<>();
        for (Entry e : entries) {
            columns.put(e.name(), e.domain());
        }
        return new PublicDomain(columns, source);
    }

    /** Reads the gzipped CSV resource (beside this class) whose header names exactly this codebook's columns. */
    Table read(String resource) {
        List<CsvFormat.Row> rows = parse(resource);
        List<Column> columns = new ArrayList<>();
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < entries.size(); c++) {
            Entry e = entries.get(c);
            if (e.kind() == ColumnKind.CATEGORICAL) {
                List<String> levels = e.domain().levels();
                int[] codes = new int[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    String v = rows.get(r).fields()[c].trim();
                    if (isMissing(resource, rows.get(r), e, v)) {
                        codes[r] = Table.MISSING_CODE;
                        continue;
                    }
                    String label = e.labels().get(v);
                    if (label == null) {
                        throw new DataException(resource, rows.get(r).line(), "column " + e.name() + ": '" + v + "' is not one of the codebook's codes "
                                + e.labels().keySet());
                    }
                    codes[r] = levels.indexOf(label);
                }
                columns.add(Column.categorical(e.name(), levels));
                arrays.add(codes);
            } else {
                double[] values = new double[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    String v = rows.get(r).fields()[c].trim();
                    if (isMissing(resource, rows.get(r), e, v)) {
                        values[r] = Double.NaN;
                        continue;
                    }
                    double x;
                    try {
                        x = Double.parseDouble(v);
                    } catch (NumberFormatException ex) {
                        throw new DataException(resource, rows.get(r).line(), "column " + e.name() + ": '" + v + "' is not a number");
                    }
                    if (!(x >= e.domain().min() && x <= e.domain().max()) || (e.kind() == ColumnKind.INTEGER && x != Math.rint(x))) {
                        throw new DataException(resource, rows.get(r).line(), "column " + e.name() + ": " + v + " is outside the codebook's domain "
                                + e.domain() + (e.kind() == ColumnKind.INTEGER ? " of whole numbers" : ""));
                    }
                    values[r] = x;
                }
                columns.add(e.kind() == ColumnKind.INTEGER ? Column.integer(e.name()) : Column.numeric(e.name()));
                arrays.add(values);
            }
        }
        return Table.of(Schema.of(columns), arrays);
    }

    private static boolean isMissing(String resource, CsvFormat.Row row, Entry e, String v) {
        if (!v.equals(MISSING) && !v.isEmpty()) {
            return false;
        }
        if (!e.domain().mayBeMissing()) {
            throw new DataException(resource, row.line(), "column " + e.name() + " is missing, which its codebook does not allow");
        }
        return true;
    }

    private List<CsvFormat.Row> parse(String resource) {
        try (InputStream in = Codebook.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DataException(resource, "bundled file is missing from the plugin jar");
            }
            byte[] bytes;
            try (GZIPInputStream gz = new GZIPInputStream(in)) {
                bytes = gz.readAllBytes();
            }
            List<CsvFormat.Row> rows = CsvFormat.parse(Utf8.decode(bytes, resource), ',', resource);
            List<String> header = Arrays.asList(rows.remove(0).fields());
            if (!header.equals(names())) {
                throw new DataException(resource, 1, "unexpected header " + header + "; expected " + names());
            }
            for (CsvFormat.Row r : rows) {
                if (r.fields().length != entries.size()) {
                    throw new DataException(resource, r.line(), "line has " + r.fields().length + " fields but the header has " + entries.size());
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + resource, e);
        }
    }
}
