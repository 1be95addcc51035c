package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Column;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The feature space every metric of this module works in, fitted on the real training rows.
 *
 * <ul>
 *   <li>A numeric column becomes its z-score {@code (x − mean) / sd} (mean and population sd of the real training
 *       rows; sd 0 counts as 1); a missing value becomes 0 (the mean). Its missingness becomes a two-level category
 *       (present / missing).</li>
 *   <li>A categorical column becomes a one-hot block over its levels plus one slot for "missing".</li>
 * </ul>
 *
 * The one-hot slots are stored as bits, which makes the module's mixed distance cheap:
 * {@code d(x, y)² = Σ_numeric (z_x − z_y)² + #categorical columns (and numeric missingness flags) that differ},
 * i.e. the Euclidean distance between the encoded vectors once each one-hot slot is scaled by 1/√2.
 */
final class FeatureEncoder {
    private final Schema schema;
    private final int[] numericColumns;
    private final double[] mean;
    private final double[] scale;
    private final int[] categoricalColumns;
    /** First slot of each categorical column's one-hot block; its missing slot is last. */
    private final int[] categoricalOffset;
    /** The present slot of each numeric column's missingness flag; missing is the next slot. */
    private final int[] missingnessOffset;
    private final int slots;
    private final List<String> slotNames;

    private FeatureEncoder(Schema schema, int[] numericColumns, double[] mean, double[] scale, int[] categoricalColumns) {
        this.schema = schema;
        this.numericColumns = numericColumns;
        this.mean = mean;
        this.scale = scale;
        this.categoricalColumns = categoricalColumns;
        List<String> names = new ArrayList<>();
        missingnessOffset = new int[numericColumns.length];
        for (int j = 0; j < numericColumns.length; j++) {
            missingnessOffset[j] = names.size();
            String name = schema.column(numericColumns[j]).name();
            names.add(name + "@present");
            names.add(name + "@missing");
        }
        categoricalOffset = new int[categoricalColumns.length];
        for (int j = 0; j < categoricalColumns.length; j++) {
            categoricalOffset[j] = names.size();
            Column c = schema.column(categoricalColumns[j]);
            for (String level : c.levels()) {
                names.add(c.name() + "=" + level);
            }
            names.add(c.name() + "@missing");
        }
        this.slots = names.size();
        this.slotNames = List.copyOf(names);
    }

    /** Fits the encoding on {@code real}'s columns except {@code excluded} (e.g. the target, for a classifier). */
    static FeatureEncoder fit(Table real, Collection<String> excluded) {
        Objects.requireNonNull(real, "real is null");
        Schema schema = real.schema();
        List<Integer> numeric = new ArrayList<>();
        List<Integer> categorical = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            if (excluded.contains(schema.column(c).name())) {
                continue;
            }
            (schema.column(c).isNumeric() ? numeric : categorical).add(c);
        }
        double[] mean = new double[numeric.size()];
        double[] scale = new double[numeric.size()];
        for (int j = 0; j < numeric.size(); j++) {
            double[] x = real.numericColumn(numeric.get(j));
            double s = 0;
            int n = 0;
            for (double v : x) {
                if (!Double.isNaN(v)) {
                    s += v;
                    n++;
                }
            }
            double m = n == 0 ? 0 : s / n;
            double ss = 0;
            for (double v : x) {
                if (!Double.isNaN(v)) {
                    ss += (v - m) * (v - m);
                }
            }
            double sd = n == 0 ? 0 : Math.sqrt(ss / n);
            mean[j] = m;
            scale[j] = sd > 0 ? sd : 1;
        }
        return new FeatureEncoder(schema, numeric.stream().mapToInt(Integer::intValue).toArray(), mean, scale,
                categorical.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Encodes {@code table}, which must have the columns the encoder was fitted on. */
    EncodedRows encode(Table table) {
        if (!table.schema().columns().equals(schema.columns())) {
            throw new IllegalArgumentException("table columns " + table.schema().names() + " differ from the fitted " + schema.names());
        }
        int n = table.rowCount();
        int p = numericColumns.length;
        int words = (slots + 63) >>> 6;
        double[] numeric = new double[n * p];
        long[] bits = new long[n * words];
        for (int j = 0; j < p; j++) {
            double[] x = table.numericColumn(numericColumns[j]);
            for (int r = 0; r < n; r++) {
                boolean missing = Double.isNaN(x[r]);
                numeric[r * p + j] = missing ? 0 : (x[r] - mean[j]) / scale[j];
                set(bits, r * words, missingnessOffset[j] + (missing ? 1 : 0));
            }
        }
        for (int j = 0; j < categoricalColumns.length; j++) {
            int[] codes = table.codes(categoricalColumns[j]);
            int missingSlot = schema.column(categoricalColumns[j]).levels().size();
            for (int r = 0; r < n; r++) {
                set(bits, r * words, categoricalOffset[j] + (codes[r] == Table.MISSING_CODE ? missingSlot : codes[r]));
            }
        }
        return new EncodedRows(n, p, numeric, words, bits);
    }

    /** Names of the columns this encoder encodes, in schema order. */
    List<String> columns() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            if (indexOf(numericColumns, c) >= 0 || indexOf(categoricalColumns, c) >= 0) {
                out.add(schema.column(c).name());
            }
        }
        return out;
    }

    /**
     * {@code rows} with the encoding of one column (a numeric column's z-score and missingness slots, or a
     * categorical column's one-hot block) taken from other rows: row {@code r} gets the column of row
     * {@code permutation[r]}; every other column stays. A shuffled {@code permutation} breaks the column's link
     * with the rest of the row and with the row's label (permutation importance).
     */
    EncodedRows permuted(EncodedRows rows, String column, int[] permutation) {
        int c = schema.requireIndex(column);
        int p = numericColumns.length;
        int words = rows.words();
        double[] numeric = rows.numeric().clone();
        long[] bits = rows.bits().clone();
        int first;
        int last;
        int j = indexOf(numericColumns, c);
        if (j >= 0) {
            for (int r = 0; r < rows.rows(); r++) {
                numeric[r * p + j] = rows.numeric()[permutation[r] * p + j];
            }
            first = missingnessOffset[j];
            last = first + 1;
        } else {
            j = indexOf(categoricalColumns, c);
            if (j < 0) {
                throw new IllegalArgumentException("column '" + column + "' is not encoded");
            }
            first = categoricalOffset[j];
            last = first + schema.column(c).levels().size();
        }
        for (int r = 0; r < rows.rows(); r++) {
            for (int slot = first; slot <= last; slot++) {
                long mask = 1L << (slot & 63);
                int w = r * words + (slot >>> 6);
                bits[w] = rows.slot(permutation[r], slot) ? bits[w] | mask : bits[w] & ~mask;
            }
        }
        return new EncodedRows(rows.rows(), p, numeric, words, bits);
    }

    private static int indexOf(int[] columns, int column) {
        for (int j = 0; j < columns.length; j++) {
            if (columns[j] == column) {
                return j;
            }
        }
        return -1;
    }

    private static void set(long[] bits, int base, int slot) {
        bits[base + (slot >>> 6)] |= 1L << (slot & 63);
    }

    /** Names of the numeric coordinates (column names), then of the one-hot slots, as classifier feature names. */
    List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int c : numericColumns) {
            names.add(schema.column(c).name());
        }
        names.addAll(slotNames);
        return names;
    }

    int slots() {
        return slots;
    }
}
