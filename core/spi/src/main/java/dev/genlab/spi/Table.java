package dev.genlab.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, columnar table. Numeric columns are {@code double[]} with {@code NaN} for missing values;
 * categorical columns are {@code int[]} codes into the column's {@linkplain Column#levels() levels}, with
 * {@link #MISSING_CODE} for missing values. Accessors that return arrays return copies.
 */
public final class Table implements Data {
    /** Code of a missing categorical value. */
    public static final int MISSING_CODE = -1;

    private final Schema schema;
    private final Object[] columns;
    private final int rows;

    private Table(Schema schema, Object[] columns, int rows) {
        this.schema = schema;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * A table from one array per column: {@code double[]} for numeric columns, {@code int[]} for categorical
     * ones. The arrays are copied.
     */
    public static Table of(Schema schema, List<?> columnArrays) {
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(columnArrays, "columnArrays is null");
        if (columnArrays.size() != schema.size()) {
            throw new IllegalArgumentException("schema has " + schema.size() + " columns but " + columnArrays.size() + " arrays were given");
        }
        Object[] copies = new Object[schema.size()];
        int rows = -1;
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            Object array = columnArrays.get(c);
            int length;
            if (column.isNumeric()) {
                if (!(array instanceof double[] values)) {
                    throw new IllegalArgumentException("numeric column '" + column.name() + "' needs a double[]");
                }
                copies[c] = withoutNegativeZero(values);
                length = values.length;
            } else {
                if (!(array instanceof int[] codes)) {
                    throw new IllegalArgumentException("categorical column '" + column.name() + "' needs an int[]");
                }
                int levels = column.levels().size();
                for (int code : codes) {
                    if (code < MISSING_CODE || code >= levels) {
                        throw new IllegalArgumentException("column '" + column.name() + "': code " + code
                                + " is outside its " + column.levels().size() + " levels");
                    }
                }
                copies[c] = codes.clone();
                length = codes.length;
            }
            if (rows >= 0 && length != rows) {
                throw new IllegalArgumentException("column '" + column.name() + "' has " + length + " rows, others have " + rows);
            }
            rows = length;
        }
        return new Table(schema, copies, Math.max(rows, 0));
    }

    /**
     * A copy of {@code values} with -0.0 as 0.0. They are one value in data, but {@code ==} calls them equal while
     * {@link Arrays#sort(double[])}, {@link Arrays#binarySearch(double[], double)}, {@link Double#compare} and
     * {@link Arrays#equals(double[], double[])} tell them apart, so code mixing the two (a sorted lookup of values
     * deduplicated with {@code ==}) broke on a column holding both. Every table is built here, so no model or metric
     * ever sees a negative zero.
     */
    private static double[] withoutNegativeZero(double[] values) {
        double[] copy = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i] + 0.0; // -0.0 + 0.0 == +0.0; every other value, NaN included, is unchanged
        }
        return copy;
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public Modality modality() {
        return schema.modality();
    }

    @Override
    public int size() {
        return rows;
    }

    public int rowCount() {
        return rows;
    }

    public int columnCount() {
        return schema.size();
    }

    public double numeric(int column, int row) {
        return ((double[]) columns[requireType(column, ColumnType.NUMERIC)])[row];
    }

    public int code(int column, int row) {
        return ((int[]) columns[requireType(column, ColumnType.CATEGORICAL)])[row];
    }

    public boolean isMissing(int column, int row) {
        Object array = columns[column];
        return array instanceof double[] d ? Double.isNaN(d[row]) : ((int[]) array)[row] == MISSING_CODE;
    }

    /**
     * The value as text, as it would be written to a CSV file: a level for categorical columns, a number for
     * numeric ones (without a fraction for integral columns), {@code null} if missing.
     */
    public String text(int column, int row) {
        Column c = schema.column(column);
        if (c.isCategorical()) {
            int code = ((int[]) columns[column])[row];
            return code == MISSING_CODE ? null : c.levels().get(code);
        }
        double v = ((double[]) columns[column])[row];
        if (Double.isNaN(v)) {
            return null;
        }
        if (c.integral() && v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** A copy of a numeric column. */
    public double[] numericColumn(int column) {
        return ((double[]) columns[requireType(column, ColumnType.NUMERIC)]).clone();
    }

    public double[] numericColumn(String name) {
        return numericColumn(schema.requireIndex(name));
    }

    /** A copy of a categorical column's codes. */
    public int[] codes(int column) {
        return ((int[]) columns[requireType(column, ColumnType.CATEGORICAL)]).clone();
    }

    public int[] codes(String name) {
        return codes(schema.requireIndex(name));
    }

    /** The rows at {@code indices}, in that order (indices may repeat). */
    public Table rows(int[] indices) {
        Object[] out = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] instanceof double[] d) {
                double[] v = new double[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    v[i] = d[indices[i]];
                }
                out[c] = v;
            } else {
                int[] src = (int[]) columns[c];
                int[] v = new int[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    v[i] = src[indices[i]];
                }
                out[c] = v;
            }
        }
        return new Table(schema, out, indices.length);
    }

    /** The first {@code n} rows (all if fewer). */
    public Table head(int n) {
        int[] idx = new int[Math.min(n, rows)];
        Arrays.setAll(idx, i -> i);
        return rows(idx);
    }

    /**
     * The same data under another schema with the same column names, types and levels (roles and shape may
     * differ).
     */
    public Table withSchema(Schema other) {
        if (!other.columns().equals(schema.columns())) {
            throw new IllegalArgumentException("withSchema may change roles only; columns differ: " + other.columns() + " vs " + schema.columns());
        }
        return new Table(other, columns, rows);
    }

    private int requireType(int column, ColumnType type) {
        Column c = schema.column(column);
        if (c.type() != type) {
            throw new IllegalArgumentException("column '" + c.name() + "' is " + c.type() + ", not " + type);
        }
        return column;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Table t) || t.rows != rows || !t.schema.equals(schema)) {
            return false;
        }
        for (int c = 0; c < columns.length; c++) {
            boolean same = columns[c] instanceof double[] d
                    ? Arrays.equals(d, (double[]) t.columns[c])
                    : Arrays.equals((int[]) columns[c], (int[]) t.columns[c]);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = schema.hashCode() * 31 + rows;
        for (Object col : columns) {
            h = h * 31 + (col instanceof double[] d ? Arrays.hashCode(d) : Arrays.hashCode((int[]) col));
        }
        return h;
    }

    @Override
    public String toString() {
        return "Table[" + rows + " rows x " + schema.size() + " columns " + schema.names() + "]";
    }
}
