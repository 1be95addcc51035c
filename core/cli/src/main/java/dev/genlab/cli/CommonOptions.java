package dev.genlab.cli;

import dev.genlab.runtime.Genlab;
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

    Genlab genlab() {
        return Genlab.discover(pluginDirectories);
    }
}
