package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genlab new-plugin}, as a third party uses it: a model, a dataset and a metric project made by a real genlab
 * process, built and tested by a real Maven (offline, on genlab's artifacts as installed), their jars dropped into a
 * plugin directory as they are, checked, and run together in an experiment.
 */
class TestNewPlugin {
    @TempDir
    Path dir;

    @Test
    void projectsMadeByNewPluginBuildPassTheirTestsAndRunInAnExperiment() throws Exception {
        ChildMaven.installGenlab();
        make("model", "mini-model");
        make("dataset", "mini-data", "--package", "org.acme.mini");
        make("metric", "mini-metric");
        // one Maven run for the three projects, each built as it was made
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>test</groupId><artifactId>made-by-new-plugin</artifactId><version>1</version><packaging>pom</packaging>
                  <modules><module>mini-model</module><module>mini-data</module><module>mini-metric</module></modules>
                </project>
                """);
        ChildMaven.mvn(dir, "-B", "-q", "verify");

        List<String> contract = List.of("runsFromItsJarInGenlabsOwnClassLoader", "recordsTheSpiVersionItWasBuiltAgainst", "usesNoReservedKey");
        List<String> modelContract = new java.util.ArrayList<>(contract);
        modelContract.addAll(List.of("samplesOnConditionsOrRefusesThem", "savesAndLoads"));
        assertPassed(dir.resolve("mini-model"), "com.example.genlab.minimodel.TestMiniModelPlugin", modelContract);
        assertPassed(dir.resolve("mini-model"), "com.example.genlab.minimodel.TestMiniModel", List.of("withoutNoiseSamplesTrainingValuesInTheirShares"));
        assertPassed(dir.resolve("mini-data"), "org.acme.mini.TestMiniDataPlugin", contract);
        assertPassed(dir.resolve("mini-data"), "org.acme.mini.TestMiniDataDataset", List.of("hasTheConfiguredCorrelation", "followsTheRunsSeed"));
        assertPassed(dir.resolve("mini-metric"), "com.example.genlab.minimetric.TestMiniMetricPlugin", contract);
        assertPassed(dir.resolve("mini-metric"), "com.example.genlab.minimetric.TestMiniMetric", List.of("knownGaps", "aColumnTheDataLacksIsASettingProblem"));

        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (String name : List.of("mini-model", "mini-data", "mini-metric")) {
            Path jar = dir.resolve(name + "/target/genlab-" + name + "-plugin-1.0.0.jar");
            assertTrue(Files.exists(jar), jar.toString());
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }
        TestCli.Result check = ChildJvm.genlab(dir, "plugins", "--check", plugins.toString());
        assertEquals(0, check.exitCode(), check.out() + check.err());

        Path experiment = Files.writeString(dir.resolve("all.conf"), """
                seed = 7
                dataset { type = mini-data, rows = 600 }
                model { type = mini-model }
                metrics = [fidelity, { type = mini-metric, columns = [x, y] }]
                """);
        TestCli.Result run = ChildJvm.genlab(dir, "run", experiment.toString(), "--plugins", plugins.toString(), "--runs", dir.resolve("runs").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("model       mini-model on mini-data: 420 train / 180 test, seed 7"), run.out());
        assertTrue(run.out().contains("mini-metric.overall"), run.out());

        // the metric's own check of its settings against the data, located by genlab validate
        Path bad = Files.writeString(dir.resolve("bad.conf"), "dataset { type = mini-data }\nmodel { type = mini-model }\n"
                + "metrics = [{ type = mini-metric, columns = [x, nosuch] }]\n");
        TestCli.Result validate = ChildJvm.genlab(dir, "validate", bad.toString(), "--plugins", plugins.toString());
        assertEquals(2, validate.exitCode(), validate.out() + validate.err());
        assertTrue(validate.err().contains("bad.conf:3: metrics[0].columns: no column 'nosuch' (numeric columns: x, y)"), validate.err());
    }

    private void make(String kind, String name, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("new-plugin", "--kind", kind, "--name", name));
        args.addAll(List.of(options));
        args.add(dir.resolve(name).toString());
        TestCli.Result made = ChildJvm.genlab(dir, args.toArray(String[]::new));
        assertEquals(0, made.exitCode(), made.out() + made.err());
        assertTrue(made.out().startsWith("made " + kind + " plugin '" + name + "' in " + dir.resolve(name)), made.out());
    }

    /** The surefire report of {@code testClass}: it ran these tests among others, and none failed, was in error or skipped. */
    private static void assertPassed(Path project, String testClass, List<String> tests) throws Exception {
        Path report = project.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        assertTrue(Files.exists(report), report + " (the project ran " + testClass + ")");
        String xml = Files.readString(report);
        Matcher m = Pattern.compile("<testsuite [^>]*tests=\"(\\d+)\" errors=\"(\\d+)\" skipped=\"(\\d+)\" failures=\"(\\d+)\"").matcher(xml);
        assertTrue(m.find(), report.toString());
        assertEquals(List.of("0", "0", "0"), List.of(m.group(2), m.group(3), m.group(4)), testClass + ": errors, skipped, failures");
        for (String test : tests) {
            assertTrue(xml.contains("<testcase name=\"" + test), testClass + " ran " + test);
        }
    }
}
