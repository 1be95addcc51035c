package dev.genlab.spi;

/** What datasets produce, models learn from and sample, and metrics compare: a {@link Table} or a {@link Corpus}. */
public sealed interface Data permits Table, Corpus {
    Modality modality();

    /** Rows of a table, documents of a corpus. */
    int size();

    /** This data as a table; a clear error if it is a corpus. */
    default Table asTable() {
        if (this instanceof Table t) {
            return t;
        }
        throw new IllegalArgumentException("expected tabular data but got " + modality().label() + " data");
    }

    /** This data as a corpus; a clear error if it is a table. */
    default Corpus asCorpus() {
        if (this instanceof Corpus c) {
            return c;
        }
        throw new IllegalArgumentException("expected text data but got " + modality().label() + " data");
    }
}
