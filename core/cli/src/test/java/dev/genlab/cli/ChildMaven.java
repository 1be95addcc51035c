package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Maven as a plugin author runs it, for the tests that build a project outside genlab's reactor: offline, on the
 * local repository of the build running the tests, after genlab's artifacts are installed there.
 */
final class ChildMaven {
    static final Path ROOT = Path.of(System.getProperty("genlab.root", "../..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("genlab.version", "0.1.0-SNAPSHOT");

    private static boolean installed;

    private ChildMaven() {
    }

    /**
     * What 'mvn install' of genlab gives an author: the parent pom, the BOM, SPI, runtime and testkit in the local
     * repository (once per test JVM). Copied into the repository's layout rather than installed with Maven, so no
     * plugin the reactor's own 'verify' did not use (maven-install-plugin) is needed offline.
     */
    static synchronized void installGenlab() throws IOException {
        if (installed) {
            return;
        }
        assertTrue(Files.exists(ROOT.resolve("core/cli/pom.xml")), "genlab.root points at the repository root: " + ROOT);
        String repo = System.getProperty("genlab.maven.repo");
        assertTrue(repo != null && !repo.isBlank(), "genlab.maven.repo names the build's local repository");
        Path genlab = Path.of(repo).resolve("dev/genlab");
        put(genlab, "genlab-parent", ROOT.resolve("pom.xml"), null);
        put(genlab, "genlab-bom", ROOT.resolve("core/bom/pom.xml"), null);
        for (String module : List.of("core/spi/genlab-spi", "core/runtime/genlab-runtime", "core/testkit/genlab-testkit")) {
            Path moduleDir = ROOT.resolve(module.substring(0, module.lastIndexOf('/')));
            String artifact = module.substring(module.lastIndexOf('/') + 1);
            Path jar = moduleDir.resolve("target/" + artifact + "-" + VERSION + ".jar");
            assertTrue(Files.exists(jar), jar + " is built (the reactor builds core before the CLI)");
            put(genlab, artifact, moduleDir.resolve("pom.xml"), jar);
        }
        installed = true;
    }

    private static void put(Path genlab, String artifact, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(genlab.resolve(artifact).resolve(VERSION));
        copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"));
        if (jar != null) {
            copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"));
        }
    }

    /** A copy renamed into place: a JVM reading the old file (this one's class path may) keeps reading it whole. */
    private static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to) && Files.mismatch(from, to) == -1) {
            return;
        }
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code mvn -o ARGS} in {@code workDir} on this build's local repository; fails the test with Maven's output. */
    static void mvn(Path workDir, String... args) throws IOException, InterruptedException {
        String home = System.getProperty("maven.home");
        String mvn = home != null && Files.isExecutable(Path.of(home, "bin", "mvn")) ? Path.of(home, "bin", "mvn").toString() : "mvn";
        List<String> command = new ArrayList<>();
        command.add(mvn);
        String repo = System.getProperty("genlab.maven.repo");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.add("-o");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + " in " + workDir + "\n" + new String(output, StandardCharsets.UTF_8));
    }
}
