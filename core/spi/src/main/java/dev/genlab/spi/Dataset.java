package dev.genlab.spi;

/** A configured source of real data. */
public interface Dataset {
    /**
     * Loads the data. Problems with the data itself (a ragged CSV row, bad bytes) are {@link DataException}s
     * naming the file and line; the runtime shows them to the user without a stack trace.
     */
    LoadedData load(DatasetContext context);

    /**
     * Checks this dataset's settings against the data it loaded, before anything trains, so {@code genlab validate}
     * reports them located in the experiment file: a column a setting names, a setting the data makes meaningless.
     * {@code data} has the experiment's roles (target, sensitive) applied. Report with
     * {@link DataProblems#setting(String, String)} (a key of the dataset block). The default finds nothing to check.
     */
    default void check(Data data, DataProblems problems) {
    }
}
