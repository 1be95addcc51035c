package dev.genlab.spi;

import java.nio.file.Path;

/** What a dataset may use while loading. */
public interface DatasetContext {
    /** Resolves a path from the experiment file against the directory holding that file. */
    Path resolve(String path);
}
