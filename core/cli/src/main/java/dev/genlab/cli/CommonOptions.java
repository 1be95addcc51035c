package dev.genlab.cli;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--plugins", paramLabel = "DIR", description = "Also load plugins from DIR (repeatable; also GENLAB_PLUGINS).")
    List<Path> pluginDirectories = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "Debug logging and stack traces.")
    boolean verbose;

    @Option(names = "--no-color", description = "No colour, even on a terminal (also NO_COLOR=1; piped output never has colour).")
    boolean noColor;

    /** The plugins, after checking that every {@code --plugins} names a directory (a typo would silently load nothing). */
    Genlab genlab() {
        for (Path d : pluginDirectories) {
            if (!Files.isDirectory(d)) {
                throw new UserException("--plugins " + d + ": " + (Files.exists(d) ? "not a directory" : "no such directory")
                        + " (looked for " + d.toAbsolutePath().normalize() + "); name a directory of plugin jars");
            }
        }
        return Genlab.discover(pluginDirectories);
    }
}
