package dev.genlab.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One column of a {@link Schema}.
 *
 * @param name     unique name within its schema
 * @param type     numeric or categorical
 * @param levels   the categories of a categorical column, in code order; empty for numeric columns
 * @param integral for numeric columns: every value is a whole number (models round what they sample)
 */
public record Column(String name, ColumnType type, List<String> levels, boolean integral) {
    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        levels = List.copyOf(Objects.requireNonNull(levels, "levels is null"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("column name is blank");
        }
        if (type == ColumnType.NUMERIC && !levels.isEmpty()) {
            throw new IllegalArgumentException("numeric column '" + name + "' cannot have levels");
        }
        if (type == ColumnType.CATEGORICAL && integral) {
            throw new IllegalArgumentException("categorical column '" + name + "' cannot be integral");
        }
        if (new HashSet<>(levels).size() != levels.size()) {
            throw new IllegalArgumentException("categorical column '" + name + "' has duplicate levels: " + levels);
        }
    }

    public static Column numeric(String name) {
        return new Column(name, ColumnType.NUMERIC, List.of(), false);
    }

    public static Column integer(String name) {
        return new Column(name, ColumnType.NUMERIC, List.of(), true);
    }

    public static Column categorical(String name, List<String> levels) {
        return new Column(name, ColumnType.CATEGORICAL, levels, false);
    }

    public boolean isNumeric() {
        return type == ColumnType.NUMERIC;
    }

    public boolean isCategorical() {
        return type == ColumnType.CATEGORICAL;
    }

    /** The code of {@code level}, or {@value Table#MISSING_CODE} if it is not a level of this column. */
    public int codeOf(String level) {
        return levels.indexOf(level);
    }
}
