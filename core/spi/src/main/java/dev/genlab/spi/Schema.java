package dev.genlab.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The columns of a {@link Table} and their roles: an optional target column (what a downstream model predicts),
 * the sensitive columns fairness metrics group by, and for image data the shape of the pixel columns.
 */
public final class Schema {
    private final List<Column> columns;
    private final Map<String, Integer> index;
    private final String target;
    private final List<String> sensitive;
    private final ImageShape imageShape;

    private Schema(List<Column> columns, String target, List<String> sensitive, ImageShape imageShape) {
        this.columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        this.sensitive = List.copyOf(Objects.requireNonNull(sensitive, "sensitive is null"));
        this.target = target;
        this.imageShape = imageShape;
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            if (byName.put(this.columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate column name '" + this.columns.get(i).name() + "'");
            }
        }
        this.index = Map.copyOf(byName);
        if (target != null && !index.containsKey(target)) {
            throw new IllegalArgumentException("target column '" + target + "' is not a column; columns: " + names());
        }
        for (String s : this.sensitive) {
            if (!index.containsKey(s)) {
                throw new IllegalArgumentException("sensitive column '" + s + "' is not a column; columns: " + names());
            }
        }
    }

    public static Schema of(List<Column> columns) {
        return new Schema(columns, null, List.of(), null);
    }

    public static Schema of(Column... columns) {
        return of(List.of(columns));
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public Column column(int i) {
        return columns.get(i);
    }

    /** The column called {@code name}; throws if there is none. */
    public Column column(String name) {
        return columns.get(requireIndex(name));
    }

    /** Position of the column called {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public int requireIndex(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; columns: " + names());
        }
        return i;
    }

    public boolean has(String name) {
        return index.containsKey(name);
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return names;
    }

    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    public List<String> sensitive() {
        return sensitive;
    }

    public Optional<ImageShape> imageShape() {
        return Optional.ofNullable(imageShape);
    }

    public Modality modality() {
        return imageShape == null ? Modality.TABULAR : Modality.IMAGE;
    }

    /** Same columns; {@code target} may be null for none. */
    public Schema withTarget(String target) {
        return new Schema(columns, target, sensitive, imageShape);
    }

    public Schema withSensitive(List<String> sensitive) {
        return new Schema(columns, target, sensitive, imageShape);
    }

    public Schema withImageShape(ImageShape shape) {
        return new Schema(columns, target, sensitive, shape);
    }

    /** Same roles and shape, other columns (e.g. with levels added); roles must still name columns. */
    public Schema withColumns(List<Column> newColumns) {
        return new Schema(newColumns, target, sensitive, imageShape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s
                && columns.equals(s.columns)
                && Objects.equals(target, s.target)
                && sensitive.equals(s.sensitive)
                && Objects.equals(imageShape, s.imageShape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, target, sensitive, imageShape);
    }

    @Override
    public String toString() {
        return "Schema" + columns + (target == null ? "" : " target=" + target)
                + (sensitive.isEmpty() ? "" : " sensitive=" + sensitive);
    }
}
