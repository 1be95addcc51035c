package dev.genlab.testkit;

import dev.genlab.spi.SpiVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Where a plugin's classes are, and the jar they make: what the contract drops into a plugin directory. */
final class PluginPackaging {
    private PluginPackaging() {
    }

    /** The jar or class directory {@code type} was loaded from ({@code target/classes} while Maven runs the tests). */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }

    /** The jar of {@code location}: a copy of it, or its directory packed as the jar plugin would (minus the manifest). */
    static Path jar(Path location, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        if (!Files.isDirectory(location)) {
            return Files.copy(location, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(location)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(location.relativize(f).toString().replace('\\', '/')));
                ((OutputStream) out).write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The SPI version recorded at {@code location} by genlab-spi's processor, or null if none was. */
    static String recordedSpiVersion(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            Path mark = location.resolve(SpiVersion.RESOURCE);
            return Files.isRegularFile(mark) ? Files.readString(mark).trim() : null;
        }
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(location.toFile())) {
            JarEntry e = file.getJarEntry(SpiVersion.RESOURCE);
            return e == null ? null : new String(file.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        }
    }
}
