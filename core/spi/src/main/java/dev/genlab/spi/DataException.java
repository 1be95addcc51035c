package dev.genlab.spi;

import java.util.Objects;

/**
 * A problem with the data the user supplied: shown to them as one located message, without a stack trace.
 * {@code source} is a file or resource name, {@code line} 1-based or 0 when not about one line.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    public DataException(String source, long line, String message) {
        super(Objects.requireNonNull(message, "message is null"));
        this.source = Objects.requireNonNull(source, "source is null");
        this.line = line;
    }

    public DataException(String source, String message) {
        this(source, 0, message);
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    /** {@code source:line: message}. */
    public String located() {
        return source + (line > 0 ? ":" + line : "") + ": " + getMessage();
    }
}
