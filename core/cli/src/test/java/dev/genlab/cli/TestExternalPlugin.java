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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party's path, end to end: install genlab's SPI, runtime and testkit into the local Maven repository,
 * build plugins/example-external as a separate project (its own tests extend the testkit's contracts), drop its
 * jar into a plugin directory, and run an experiment that uses it through the genlab command.
 */
class TestExternalPlugin {
    private static final Path ROOT = Path.of(System.getProperty("genlab.root", "../..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("genlab.version", "0.1.0-SNAPSHOT");

    @TempDir
    Path dir;

    @Test
    void anOutsidePluginBuildsAgainstTheSpiAndRunsFromAPluginDirectory() throws Exception {
        installGenlab();
        Path project = dir.resolve("knn-plugin");
        copyTree(ROOT.resolve("plugins/example-external"), project);
        mvn(project, "-B", "-q", "package", "-Dgenlab.version=" + VERSION);
        Path jar = project.resolve("target/genlab-knn-plugin-1.0.0.jar");
        assertTrue(Files.exists(jar), "the example built its jar");
        assertTrue(Files.exists(project.resolve("target/surefire-reports/TEST-com.example.genlab.knn.TestKnnResamplerPlugin.xml")),
                "the example ran its own contract tests");

        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Path experiment = project.resolve("example.conf");
        TestCli.Result run = TestCli.genlab("run", experiment.toString(), "--plugins", plugins.toString(), "--runs", dir.resolve("runs").toString(),
                "--set", "dataset.max-rows=600", "--set", "sample.rows=200");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("model       knn-resampler on adult"), run.out());
        assertTrue(run.out().contains("fidelity.overall"), run.out());

        TestCli.Result listed = TestCli.genlab("plugins", "knn-resampler", "--plugins", plugins.toString());
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().contains("from " + plugins.resolve("genlab-knn-plugin-1.0.0.jar") + " (version 1.0.0)"), listed.out());
        assertTrue(listed.out().contains("k = 5    # Neighbours each synthetic row may interpolate towards."), listed.out());
    }

    /** What 'mvn install' of genlab gives an author: the parent pom, SPI, runtime and testkit in the local repository. */
    private static void installGenlab() throws Exception {
        assertTrue(Files.exists(ROOT.resolve("core/cli/pom.xml")), "genlab.root points at the repository root: " + ROOT);
        mvn(ROOT, "-B", "-q", "-N", "-DskipTests", "install");
        for (String module : List.of("core/spi/genlab-spi", "core/runtime/genlab-runtime", "core/testkit/genlab-testkit")) {
            Path moduleDir = ROOT.resolve(module.substring(0, module.lastIndexOf('/')));
            String artifact = module.substring(module.lastIndexOf('/') + 1);
            Path jar = moduleDir.resolve("target/" + artifact + "-" + VERSION + ".jar");
            assertTrue(Files.exists(jar), jar + " is built (the reactor builds core before the CLI)");
            mvn(ROOT, "-B", "-q", "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file",
                    "-Dfile=" + jar, "-DpomFile=" + moduleDir.resolve("pom.xml"));
        }
    }

    private static void mvn(Path workDir, String... args) throws IOException, InterruptedException {
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

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(x -> !from.relativize(x).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
