package dev.genlab.spi;

/** Storage and meaning of a {@link Column}. */
public enum ColumnType {
    /** Real-valued; missing values are {@code NaN}. */
    NUMERIC,
    /** One of a fixed, ordered list of levels, stored as an index; missing values are {@value Table#MISSING_CODE}. */
    CATEGORICAL
}
