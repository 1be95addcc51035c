package dev.genlab.plugin.text;

import dev.genlab.spi.PluginConfigException;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@code text} dataset.
 *
 * @param path         the UTF-8 text file, relative to the experiment file
 * @param split        how the file becomes documents: paragraphs, lines or none (the whole file)
 * @param maxDocuments keep only the first N documents; absent = all
 */
public record TextConfig(String path, Split split, Optional<Integer> maxDocuments) {
    public TextConfig {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(split, "split is null");
        if (path.isBlank()) {
            throw new PluginConfigException("path", "must name a UTF-8 text file");
        }
        maxDocuments = MaxDocuments.check(maxDocuments);
    }
}
