package dev.genlab.plugin.datasets;

import dev.genlab.spi.PluginConfigException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@code adult} dataset.
 *
 * @param part        which file to load: train (adult.data; the official test file is offered as the provided
 *                    test set), test (adult.test) or all (both, concatenated)
 * @param dropColumns columns to leave out (e.g. fnlwgt, a census sampling weight rather than a person attribute)
 * @param maxRows     keep only the first N rows of the data and of the provided test set (quick runs); absent = all
 */
public record AdultConfig(Part part, List<String> dropColumns, Optional<Integer> maxRows) {
    /** Which of the two UCI files. */
    public enum Part {
        TRAIN,
        TEST,
        ALL
    }

    public AdultConfig {
        Objects.requireNonNull(part, "part is null");
        Objects.requireNonNull(maxRows, "maxRows is null");
        dropColumns = List.copyOf(dropColumns);
        for (String c : dropColumns) {
            if (!AdultDataset.COLUMNS.contains(c)) {
                throw new PluginConfigException("drop-columns", "Adult has no column '" + c + "'; columns: " + String.join(", ", AdultDataset.COLUMNS));
            }
            if (c.equals("income")) {
                throw new PluginConfigException("drop-columns", "income is Adult's target and cannot be dropped");
            }
        }
        maxRows.ifPresent(n -> {
            if (n < 1) {
                throw new PluginConfigException("max-rows", "must be at least 1, got " + n);
            }
        });
    }
}
