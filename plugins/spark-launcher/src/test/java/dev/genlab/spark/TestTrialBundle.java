package dev.genlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Spark sweep sends to its executors, and how a trial's run comes back. */
class TestTrialBundle {
    @TempDir
    Path dir;

    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void theBundleHoldsTheClasspathPluginsAndTheResolvedExperimentWithTheFilesItNames() throws IOException {
        Path jar = Files.writeString(dir.resolve("genlab-cli.jar"), "jar");
        Path classes = Files.createDirectories(dir.resolve("classes/dev"));
        Files.writeString(classes.resolve("A.class"), "class");
        Path plugins = Files.createDirectories(dir.resolve("my-plugins"));
        Files.writeString(plugins.resolve("p.jar"), "plugin");
        Path data = Files.createDirectories(dir.resolve("exp/data"));
        Files.writeString(data.resolve("x.csv"), "a,b\n1,2\n");
        Path file = dir.resolve("exp/e.conf");
        Files.writeString(dir.resolve("exp/e"), "a file named as the experiment is");
        Config experiment = ConfigFactory.parseString("""
                name = e
                dataset { type = csv, path = "data/x.csv" }
                model.type = copula
                tracking.mlflow { uri = "http://127.0.0.1:5000", experiment = ex }
                sweep { seeds = [1, 2], launcher { type = spark, master = "local" } }
                """).resolve();
        TrialBundle.Contents c = TrialBundle.write(dir.resolve("genlab.zip"), List.of(jar, dir.resolve("classes"), dir.resolve("gone.jar")),
                List.of(plugins), file, experiment);

        assertEquals(List.of("{bundle}/lib/*", "{bundle}/classes/0"), c.classpath());
        assertEquals(List.of("{bundle}/plugins/0"), c.pluginDirs());
        assertEquals("{bundle}/experiment/e.conf", c.experiment());
        assertEquals(List.of(data.resolve("x.csv").toString()), c.shippedFiles());
        Map<String, String> entries = entries(Files.readAllBytes(c.zip()));
        assertEquals(List.of("classes/0/dev/A.class", "experiment/e.conf", "experiment/files/0/x.csv", "lib/genlab-cli.jar", "plugins/0/p.jar"),
                List.copyOf(entries.keySet()));
        Config shipped = ConfigFactory.parseString(entries.get("experiment/e.conf"));
        assertEquals("files/0/x.csv", shipped.getString("dataset.path"), "the copy, relative to the shipped experiment");
        assertEquals("a,b\n1,2\n", entries.get("experiment/files/0/x.csv"));
        assertFalse(shipped.hasPath("sweep"), "a trial is no sweep");
        assertFalse(shipped.hasPath("tracking.mlflow.uri"), "trials on executors run with MLflow off; the submitting side pushes their runs");
        assertEquals("ex", shipped.getString("tracking.mlflow.experiment"));
        assertEquals("e", shipped.getString("name"), "only plugin settings name files");
    }

    @Test
    void aTrialsRunComesBackZippedRelativeToItsStore() throws IOException {
        Path runs = Files.createDirectories(dir.resolve("runs/20260101-000000-e-abc123/artifacts"));
        Files.writeString(runs.getParent().resolve("run.json"), "{}");
        Files.writeString(runs.resolve("sample.csv"), "a\n1\n");
        Map<String, String> entries = entries(TrialTask.zip(dir.resolve("runs")));
        assertEquals(Map.of("20260101-000000-e-abc123/artifacts/sample.csv", "a\n1\n", "20260101-000000-e-abc123/run.json", "{}"), entries);
        assertEquals(0, TrialTask.zip(Files.createDirectories(dir.resolve("empty"))).length, "no run, no zip");
        assertTrue(TrialTask.zip(dir.resolve("missing")).length == 0);
    }
}
