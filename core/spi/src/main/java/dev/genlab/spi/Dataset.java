package dev.genlab.spi;

import java.util.Optional;

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

    /**
     * The domain of every column this dataset loads (with its own settings applied, e.g. dropped columns left out),
     * known without looking at the data: numeric ranges and category sets from a codebook or the source's
     * description, and which columns may be missing. Differentially private generators take their bounds and
     * categories from it. Every loaded value must lie inside it ({@code DatasetPluginContract} checks that). The
     * default declares none.
     */
    default Optional<PublicDomain> publicDomain() {
        return Optional.empty();
    }
}
