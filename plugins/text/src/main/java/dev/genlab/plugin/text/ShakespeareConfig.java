package dev.genlab.plugin.text;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@code shakespeare} dataset.
 *
 * @param unit         what one document is: a speech (the blocks between blank lines, about 7,200) or a line
 * @param maxDocuments keep only the first N documents, for quick experiments; absent = all
 */
public record ShakespeareConfig(Unit unit, Optional<Integer> maxDocuments) {
    /** What one document of tiny Shakespeare is. */
    public enum Unit {
        /** A speaker's name line and the lines they speak: the blocks between blank lines. */
        SPEECHES,
        /** One non-blank line. */
        LINES
    }

    public ShakespeareConfig {
        Objects.requireNonNull(unit, "unit is null");
        maxDocuments = MaxDocuments.check(maxDocuments);
    }
}
