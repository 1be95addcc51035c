package dev.genlab.runtime.plugin;

import dev.genlab.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.OptionalInt;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The SPI version recorded in the jar (or class directory) a plugin class came from, at {@link SpiVersion#RESOURCE}.
 * Read from that jar itself, not through the class loader, so a sub-directory of jars answers for the plugin's own.
 */
final class SpiVersionMark {
    private SpiVersionMark() {
    }

    /** The recorded version; empty for a plugin built before genlab recorded it, or from an unknown place. */
    static OptionalInt of(Class<?> pluginClass) {
        CodeSource source = pluginClass.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return OptionalInt.empty();
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return OptionalInt.empty();
        }
        try {
            if (Files.isDirectory(location)) {
                Path mark = location.resolve(SpiVersion.RESOURCE);
                return Files.isRegularFile(mark) ? parse(Files.readString(mark)) : OptionalInt.empty();
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                JarEntry entry = jar.getJarEntry(SpiVersion.RESOURCE);
                if (entry == null) {
                    return OptionalInt.empty();
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalInt parse(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
