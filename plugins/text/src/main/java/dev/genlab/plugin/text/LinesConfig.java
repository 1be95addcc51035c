package dev.genlab.plugin.text;

import dev.genlab.spi.PluginConfigException;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@code lines} dataset.
 *
 * @param path         the UTF-8 file with one document per line, relative to the experiment file
 * @param maxDocuments keep only the first N documents; absent = all
 */
public record LinesConfig(String path, Optional<Integer> maxDocuments) {
    public LinesConfig {
        Objects.requireNonNull(path, "path is null");
        if (path.isBlank()) {
            throw new PluginConfigException("path", "must name a UTF-8 text file with one document per line");
        }
        maxDocuments = MaxDocuments.check(maxDocuments);
    }
}
