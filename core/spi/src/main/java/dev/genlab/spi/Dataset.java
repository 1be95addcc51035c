package dev.genlab.spi;

/** A configured source of real data. */
public interface Dataset {
    /**
     * Loads the data. Problems with the data itself (a ragged CSV row, bad bytes) are {@link DataException}s
     * naming the file and line; the runtime shows them to the user without a stack trace.
     */
    LoadedData load(DatasetContext context);
}
