package dev.genlab.runtime;

/** The {@code genlab} command's exit codes; a sweep reads its trial processes' with them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int USER_ERROR = 2;
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
