package dev.genlab.plugin.text;

import dev.genlab.spi.PluginConfigException;
import java.util.Objects;
import java.util.Optional;

/** The shared check of the datasets' optional {@code max-documents}. */
final class MaxDocuments {
    private MaxDocuments() {
    }

    static Optional<Integer> check(Optional<Integer> maxDocuments) {
        Objects.requireNonNull(maxDocuments, "maxDocuments is null");
        maxDocuments.ifPresent(n -> {
            if (n < 1) {
                throw new PluginConfigException("max-documents", "must be at least 1 (leave it out for all documents), got " + n);
            }
        });
        return maxDocuments;
    }
}
