package dev.genlab.runtime.tracking.mlflow;

/**
 * A failed call to an MLflow server: {@code status} is the HTTP status, or 0 when no response came (connection
 * refused, timeout); {@code errorCode} is MLflow's error code (e.g. RESOURCE_DOES_NOT_EXIST) when it sent one.
 */
public final class MlflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final boolean abandoned;

    public MlflowException(String message, int status, String errorCode, Throwable cause) {
        this(message, status, errorCode, cause, false);
    }

    private MlflowException(String message, int status, String errorCode, Throwable cause, boolean abandoned) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.abandoned = abandoned;
    }

    /** A request genlab gave up itself because the run was cancelled (no fault of the server). */
    static MlflowException abandoned(String message) {
        return new MlflowException(message, 0, null, null, true);
    }

    public boolean isAbandoned() {
        return abandoned;
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
