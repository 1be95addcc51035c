package dev.genlab.spi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** What a dataset may use while loading. */
public interface DatasetContext {
    /** Resolves a path from the experiment file against the directory holding that file. */
    Path resolve(String path);

    /** The seed of this run (or trial), for a dataset that draws or subsamples its rows. */
    long seed();

    /**
     * A random stream derived from the run's seed and {@code purpose} ("rows", "noise"…), independent of the streams
     * models and metrics get: the same experiment loads the same data.
     */
    default SplittableRandom random(String purpose) {
        return Seeds.random(Seeds.derive(seed(), "dataset"), purpose);
    }

    /**
     * The bytes of the file that setting {@code key} (e.g. {@code path}) names, resolved like {@link #resolve}. A
     * file that is missing, a directory, a symbolic-link loop or unreadable is a {@link PluginConfigException} on
     * {@code key}, so the user sees {@code file:line: dataset.path: ...} pointing at the setting to change.
     */
    default byte[] readFile(String key, String path) {
        Path file = resolve(path);
        if (Files.isDirectory(file)) {
            throw new PluginConfigException(key, "'" + path + "' is a directory (" + file + "); name a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PluginConfigException(key, "no such file '" + path + "' (looked for " + file + ")");
        } catch (AccessDeniedException e) {
            throw new PluginConfigException(key, "cannot read '" + path + "' (" + file + "): permission denied");
        } catch (FileSystemException e) {
            // e.g. ELOOP: "Too many levels of symbolic links"
            throw new PluginConfigException(key, "cannot read '" + path + "' (" + file + "): " + (e.getReason() != null ? e.getReason() : e.getMessage()));
        } catch (IOException e) {
            throw new PluginConfigException(key, "cannot read '" + path + "' (" + file + "): " + e.getMessage());
        }
    }
}
