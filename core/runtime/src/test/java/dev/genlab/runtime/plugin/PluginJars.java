package dev.genlab.runtime.plugin;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Real plugin jars for tests, compiled from source by a real javac: against this genlab's SPI, or against an SPI of
 * another version built from genlab-spi's own sources. Shared with core/cli's tests through the runtime's test-jar.
 */
public final class PluginJars {
    /** SPIs built by {@link #spi(Path, Path, int)}: compiling against one needs a javac of its own. */
    private static final java.util.Set<Path> OTHER_SPIS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private PluginJars() {
    }

    /** The jar or directory a class was loaded from. */
    public static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This genlab's SPI and jakarta.inject, as a class path. */
    public static List<Path> spi() {
        return List.of(locationOf(dev.genlab.spi.Plugin.class), locationOf(jakarta.inject.Inject.class));
    }

    /**
     * genlab-spi's sources (under {@code spiSources}) compiled with {@code SpiVersion.CURRENT = version} into
     * {@code work}, its version-recording annotation processor registered: what a plugin author of another genlab
     * release compiles against.
     */
    public static Path spi(Path spiSources, Path work, int version) throws IOException, InterruptedException {
        if (!Files.isDirectory(spiSources)) {
            throw new IllegalStateException("genlab-spi's sources are not at " + spiSources);
        }
        Path copy = work.resolve("spi-src-" + version);
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", work.resolve("spi-" + version).toString(),
                "-cp", locationOf(jakarta.inject.Inject.class).toString()));
        try (Stream<Path> all = Files.walk(spiSources)) {
            for (Path f : all.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path to = copy.resolve(spiSources.relativize(f).toString());
                Files.createDirectories(to.getParent());
                String text = Files.readString(f);
                if (f.getFileName().toString().equals("SpiVersion.java")) {
                    if (!text.contains("CURRENT = 1;")) {
                        throw new IllegalStateException("SpiVersion.CURRENT is no longer 1; these tests build SPIs around it");
                    }
                    text = text.replace("CURRENT = 1;", "CURRENT = " + version + ";");
                }
                Files.writeString(to, text);
                args.add(to.toString());
            }
        }
        Path classes = work.resolve("spi-" + version);
        if (javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("cannot compile genlab-spi's sources at version " + version);
        }
        OTHER_SPIS.add(classes);
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("javax.annotation.processing.Processor"), "dev.genlab.spi.SpiVersionRecorder\n");
        return classes;
    }

    /**
     * Compiles {@code sources} (class name to source text) against {@code classpath} into a fresh directory under
     * {@code work}. Against an SPI made by {@link #spi(Path, Path, int)} it runs a javac of its own, so that annotation
     * processors come from that SPI as in a real build (in this JVM they would come from genlab's own SPI); else the
     * JDK's compiler in this JVM, which is much faster.
     */
    public static Path compile(Path work, String name, Map<String, String> sources, List<Path> classpath, boolean processing)
            throws IOException, InterruptedException {
        Path src = work.resolve("src-" + name);
        Path classes = Files.createDirectories(work.resolve("classes-" + name));
        List<String> args = new ArrayList<>(List.of(processing ? "-implicit:class" : "-proc:none", "-d", classes.toString(),
                "-cp", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            args.add(file.toString());
        }
        if (classpath.stream().anyMatch(OTHER_SPIS::contains)) {
            javac(args);
        } else {
            java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
            int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, output, output, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("javac failed:\n" + output.toString(StandardCharsets.UTF_8));
            }
        }
        return classes;
    }

    /** A jar of {@code classes} plus {@code resources} (path in the jar to text). */
    public static Path jar(Path jar, Path classes, Map<String, String> resources) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                put(out, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
            for (Map.Entry<String, String> r : resources.entrySet()) {
                put(out, r.getKey(), r.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        ((OutputStream) out).write(content);
        out.closeEntry();
    }

    private static void javac(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("javac failed:\n" + output);
        }
    }
}
