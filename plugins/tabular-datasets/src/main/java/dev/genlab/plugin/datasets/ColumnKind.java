package dev.genlab.plugin.datasets;

/** How a CSV column is read: declared in {@code columns { name = kind }} or inferred. */
public enum ColumnKind {
    /** Real numbers. */
    NUMERIC,
    /** Whole numbers (models round what they sample). */
    INTEGER,
    /** Text values, one level each. */
    CATEGORICAL
}
