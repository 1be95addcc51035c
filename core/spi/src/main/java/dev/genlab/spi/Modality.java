package dev.genlab.spi;

/** The kind of data a plugin handles. */
public enum Modality {
    /** Rows of numeric and categorical columns. */
    TABULAR,
    /** Images stored as pixel columns of a {@link Table} whose schema carries an {@link ImageShape}. */
    IMAGE,
    /** A {@link Corpus} of text documents. */
    TEXT;

    /** The lower-case name used in messages and experiment files. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
