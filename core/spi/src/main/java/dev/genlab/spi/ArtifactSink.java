package dev.genlab.spi;

import java.io.IOException;
import java.nio.file.Path;

/** Files a plugin adds to its run (paths are relative, '/'-separated, e.g. {@code fidelity/columns.csv}). */
public interface ArtifactSink {
    void write(String path, byte[] content) throws IOException;

    /** Copies {@code file} into the run as {@code path}. */
    void copy(String path, Path file) throws IOException;
}
