package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party's path, end to end: install genlab's SPI, runtime and testkit into the local Maven repository,
 * build plugins/example-external as a separate project (its own tests extend the testkit's contracts), drop its
 * jar into a plugin directory, and run an experiment that uses it through the genlab command.
 */
class TestExternalPlugin {
    private static final Path ROOT = ChildMaven.ROOT;

    @TempDir
    Path dir;

    @Test
    void anOutsidePluginBuildsAgainstTheSpiAndRunsFromAPluginDirectory() throws Exception {
        ChildMaven.installGenlab();
        Path project = dir.resolve("knn-plugin");
        copyTree(ROOT.resolve("plugins/example-external"), project);
        ChildMaven.mvn(project, "-B", "-q", "package", "-Dgenlab.version=" + ChildMaven.VERSION);
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
        assertTrue(listed.out().lines().anyMatch(l -> l.matches("  k +integer +5 +Neighbours each synthetic row may interpolate towards\\.")),
                listed.out());
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
