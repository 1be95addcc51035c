package dev.genlab.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dataset produced.
 *
 * @param data    all rows (or documents) the runner splits into train and test
 * @param test    a test set the source itself defines (e.g. Adult's {@code adult.test}), used when the
 *                experiment asks for it with {@code split.use-provided-test = true}
 * @param sources human-readable description of where the data came from (files, resources), for provenance
 */
public record LoadedData(Data data, Optional<Data> test, List<String> sources) {
    public LoadedData {
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(test, "test is null");
        sources = List.copyOf(sources);
        test.ifPresent(t -> {
            if (t.modality() != data.modality()) {
                throw new IllegalArgumentException("test data is " + t.modality() + " but data is " + data.modality());
            }
        });
    }

    public static LoadedData of(Data data, String source) {
        return new LoadedData(data, Optional.empty(), List.of(source));
    }
}
