package dev.genlab.runtime.config;

import java.util.Objects;

/**
 * One thing wrong with an experiment: where ({@code file:line}), which key (full path) and what.
 * Prints as {@code file:line: key.path: message}.
 */
public record ConfigProblem(String location, String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return location + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + message;
    }
}
