package dev.genlab.runtime.tracking.mlflow;

/**
 * A failed call to an MLflow server: {@code status} is the HTTP status, or 0 when no response came (connection
 * refused, timeout); {@code errorCode} is MLflow's error code (e.g. RESOURCE_DOES_NOT_EXIST) when it sent one.
 */
public final class MlflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    public MlflowException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    /** MLflow's error code, or null. */
    public String errorCode() {
        return errorCode;
    }

    /** No answer from the server at all: down, unreachable or too slow. */
    public boolean isUnreachable() {
        return status == 0;
    }
}
