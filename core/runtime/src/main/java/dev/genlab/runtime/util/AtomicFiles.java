package dev.genlab.runtime.util;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so a reader (or a crash) never sees half of one: write a sibling, then rename over. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes a file's content, given the temporary sibling to write it to. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    public static void write(Path file, byte[] content) throws IOException {
        write(file, tmp -> Files.write(tmp, content));
    }

    /**
     * Writes {@code file} through {@code content} into a sibling and renames it over {@code file}: a failure (a full
     * disk) leaves no partial file that looks complete.
     */
    public static void write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            content.writeTo(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.nio.file.FileSystemException e) {
            throw e.getFile() != null && tmp != null && e.getFile().equals(tmp.toString()) ? named(file, e) : e;
        } catch (IOException e) {
            throw named(file, e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The failure as one that names the file meant ("No space left on device" alone names none). */
    private static IOException named(Path file, IOException e) {
        IOException named = new java.nio.file.FileSystemException(file.toString(), null, e.getMessage());
        named.initCause(e);
        return named;
    }

    /** Removes a directory and everything under it, as far as it can (for cleaning up after a failed write). */
    public static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // best effort: whatever called this is failing already
        }
    }
}
