package dev.genlab.runtime;

/**
 * An error caused by the user's input (experiment file, data, command line), shown as its message alone — no
 * stack trace — with exit code 2.
 */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
