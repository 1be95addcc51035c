package dev.genlab.runtime.util;

import java.io.IOException;
import java.nio.file.FileSystemException;

/** One line for a failed write or read: the file and the cause, e.g. "cannot write runs/x/synthetic.csv: No space left on device". */
public final class IoErrors {
    private IoErrors() {
    }

    /** The sentence for {@code e} if an I/O error is in its causes, else null. */
    public static String describeOrNull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fs && fs.getFile() != null) {
                String reason = fs.getReason() != null ? fs.getReason() : reason(fs);
                return "cannot write " + fs.getFile() + (fs.getOtherFile() != null ? " (to " + fs.getOtherFile() + ")" : "") + ": " + reason;
            }
            if (t instanceof IOException io && io.getMessage() != null && !(t.getCause() instanceof IOException)) {
                return io.getMessage();
            }
        }
        return null;
    }

    /** The cause in words when the exception gives none (its class name is no message for a user). */
    private static String reason(FileSystemException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        return e.getClass().getSimpleName();
    }

    /** {@link #describeOrNull}, else the throwable's own message. */
    public static String describe(Throwable e) {
        String d = describeOrNull(e);
        return d != null ? d : String.valueOf(e.getMessage());
    }
}
