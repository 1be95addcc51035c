package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.plugin.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a third party's broken plugin looks like to the user, with real jars compiled here and real genlab processes:
 * a plugin built against a newer SPI is refused at its line; a failure in any step names the plugin, its kind and its
 * jar; a thin jar missing a dependency says how to ship it, and {@code genlab plugins --check} finds that before a run.
 */
class TestPluginFailures {
    private static final String SPI_SOURCES = "../spi/src/main/java";

    @TempDir
    static Path work;

    /** flaky.jar: a model, a metric and a dataset that fail where their {@code fail-in} setting says; dep.jar: what the model needs. */
    static Path plugins;
    static Path flakyJar;
    static Path depJar;

    @BeforeAll
    static void buildJars() throws Exception {
        Path depClasses = PluginJars.compile(work, "dep", Map.of("org.example.dep.Helper", """
                package org.example.dep;
                public final class Helper {
                    public static int help() { return 1; }
                }
                """), PluginJars.spi(), true);
        depJar = PluginJars.jar(work.resolve("lib/dep.jar"), depClasses, Map.of());
        List<Path> classpath = new ArrayList<>(PluginJars.spi());
        classpath.add(depJar);
        Path classes = PluginJars.compile(work, "flaky", Map.of("com.example.flaky.Flaky", FLAKY), classpath, true);
        plugins = Files.createDirectories(work.resolve("plugins"));
        flakyJar = PluginJars.jar(plugins.resolve("flaky.jar"), classes, Map.of(
                "META-INF/services/dev.genlab.spi.ModelPlugin", "com.example.flaky.Flaky$ModelPlugin\n",
                "META-INF/services/dev.genlab.spi.MetricPlugin", "com.example.flaky.Flaky$MetricPlugin\n",
                "META-INF/services/dev.genlab.spi.DatasetPlugin", "com.example.flaky.Flaky$DatasetPlugin\n",
                "reference.conf", """
                        genlab.model.flaky {
                          # The step to fail in: construction, check, fit, sample, save, missing (use a class dep.jar has), none.
                          fail-in = none
                        }
                        genlab.metric.flaky-metric {
                          # The step to fail in: check, evaluate, none.
                          fail-in = none
                        }
                        genlab.dataset.flaky-data {
                          # The step to fail in: load, none.
                          fail-in = none
                        }
                        """));
        StringBuilder csv = new StringBuilder("age,sex\n");
        for (int i = 0; i < 30; i++) {
            csv.append(20 + i).append(',').append(i % 2 == 0 ? "F" : "M").append('\n');
        }
        Files.writeString(work.resolve("data.csv"), csv);
    }

    private static Path experiment(String name, String text) throws Exception {
        return Files.writeString(work.resolve(name), text);
    }

    private static TestCli.Result genlab(String... args) throws Exception {
        return ChildJvm.genlab(work, args);
    }

    @Test
    void aPluginBuiltAgainstANewerSpiThatOverridesNothingIsRefusedWithItsReason() throws Exception {
        Path newer = PluginJars.spi(Path.of(SPI_SOURCES).toAbsolutePath().normalize(), work, 2);
        Path classes = PluginJars.compile(work, "future", Map.of("com.example.future.FuturePlugin", """
                package com.example.future;
                public final class FuturePlugin implements dev.genlab.spi.ModelPlugin {
                    public String name() { return "future"; }
                    public String description() { return "built for SPI 2"; }
                    public java.util.Set<dev.genlab.spi.Modality> modalities() { return java.util.Set.of(dev.genlab.spi.Modality.TABULAR); }
                    public Class<? extends dev.genlab.spi.GenerativeModel> modelClass() { return null; }
                }
                """), List.of(newer), true);
        Path dir = Files.createDirectories(work.resolve("future-plugins"));
        Path jar = PluginJars.jar(dir.resolve("future.jar"), classes, Map.of("META-INF/services/dev.genlab.spi.ModelPlugin",
                "com.example.future.FuturePlugin\n"));
        String why = "model plugin 'future' in " + jar + " was built for genlab SPI version 2, but this genlab provides version 1;"
                + " upgrade genlab or use a plugin built for SPI 1";

        TestCli.Result listed = genlab("plugins", "--plugins", dir.toString());
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.err().contains(why + "; it was ignored"), listed.err());
        assertFalse(listed.out().contains("model future"), listed.out());

        Path exp = experiment("future.conf", "dataset { type = csv, path = data.csv }\nmodel { type = future }\n");
        TestCli.Result validate = genlab("validate", exp.toString(), "--plugins", dir.toString());
        assertEquals(2, validate.exitCode(), validate.out() + validate.err());
        assertTrue(validate.err().contains("future.conf:2: model.type: " + why), validate.err());
        assertFalse(validate.err().contains("\tat "), validate.err());
    }

    @Test
    void everyFailureNamesThePluginItsKindAndItsJar() throws Exception {
        String model = "model plugin 'flaky' from " + flakyJar + " failed in ";
        Map<String, String> expected = Map.of(
                "construction", model + "construction: cannot construct (fail-in = construction)",
                "check", model + "check: NullPointerException: no conditions today",
                "fit", model + "fit: boom in fit",
                "sample", model + "sample: boom in sample",
                "save", model + "save: cannot write model.bin: disk on fire");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path exp = experiment("fail-" + e.getKey() + ".conf", "dataset { type = csv, path = data.csv }\n"
                    + "model { type = flaky, fail-in = " + e.getKey() + " }\nmetrics = []\n"
                    + (e.getKey().equals("check") ? "sample.conditions { sex = F }\n" : ""));
            TestCli.Result r = genlab("run", exp.toString(), "--plugins", plugins.toString(), "--runs", work.resolve("runs").toString());
            assertEquals(1, r.exitCode(), e.getKey() + ": " + r.out() + r.err());
            assertTrue((r.out() + r.err()).contains(e.getValue()), "expected «" + e.getValue() + "» in:\n" + r.out() + r.err());
        }

        String metric = "metric plugin 'flaky-metric' from " + flakyJar + " failed in ";
        for (String step : List.of("check", "evaluate")) {
            Path exp = experiment("metric-" + step + ".conf", "dataset { type = csv, path = data.csv }\nmodel { type = flaky }\n"
                    + "metrics = [{ type = flaky-metric, fail-in = " + step + " }]\n");
            TestCli.Result r = genlab("run", exp.toString(), "--plugins", plugins.toString(), "--runs", work.resolve("runs").toString());
            assertEquals(1, r.exitCode(), step + ": " + r.out() + r.err());
            assertTrue((r.out() + r.err()).contains(metric + step + ": metric boom in " + step),
                    r.out() + r.err());
        }

        Path exp = experiment("data-load.conf", "dataset { type = flaky-data, fail-in = load }\nmodel { type = flaky }\n");
        TestCli.Result r = genlab("validate", exp.toString(), "--plugins", plugins.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("dataset plugin 'flaky-data' from " + flakyJar + " failed in load: UnsupportedOperationException: no data today"), r.err());

        // a saved model the plugin cannot load again (genlab sample)
        Path fine = experiment("fine.conf", "dataset { type = csv, path = data.csv }\nmodel { type = flaky }\nmetrics = []\n");
        Path store = work.resolve("load-runs");
        TestCli.Result fit = genlab("run", fine.toString(), "--plugins", plugins.toString(), "--runs", store.toString());
        assertEquals(0, fit.exitCode(), fit.out() + fit.err());
        String runId;
        try (java.util.stream.Stream<Path> runs = Files.list(store)) {
            runId = runs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).findFirst().orElseThrow();
        }
        Path out = work.resolve("never.csv");
        TestCli.Result load = genlab("sample", runId, "--rows", "5", "--out", out.toString(), "--runs", store.toString(), "--plugins", plugins.toString());
        assertEquals(1, load.exitCode(), load.out() + load.err());
        assertTrue(load.err().contains(model + "load: UnsupportedOperationException: not needed here"), load.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aThinJarMissingADependencySaysHowToShipItAndCheckFindsItBeforeARun() throws Exception {
        Path exp = experiment("missing.conf", "dataset { type = csv, path = data.csv }\nmodel { type = flaky, fail-in = missing }\n");
        TestCli.Result run = genlab("run", exp.toString(), "--plugins", plugins.toString(), "--runs", work.resolve("runs").toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        String all = run.out() + run.err();
        assertTrue(all.contains("model plugin 'flaky' from " + flakyJar + " failed in fit: class org.example.dep.Helper is missing:"
                + " the plugin's jar does not contain it"), all);
        assertTrue(all.contains("build one fat (shaded) jar, or put the plugin's jar and its dependency jars together in a sub-directory"), all);

        TestCli.Result check = genlab("plugins", "--check", plugins.toString());
        assertEquals(1, check.exitCode(), check.out() + check.err());
        assertTrue(check.out().contains(flakyJar + ": 1 missing class"), check.out());
        assertTrue(check.out().contains("    org.example.dep.Helper    (used by com.example.flaky.Flaky$FlakyModel)"), check.out());
        assertTrue(check.out().contains("fat (shaded) jar"), check.out());

        // shipped as the message says: the plugin and its dependency in a sub-directory of the plugin directory
        Path shipped = Files.createDirectories(work.resolve("shipped/flaky"));
        Files.copy(flakyJar, shipped.resolve("flaky.jar"));
        Files.copy(depJar, shipped.resolve("dep.jar"));
        TestCli.Result ok = genlab("plugins", "--check", shipped.getParent().toString());
        assertEquals(0, ok.exitCode(), ok.out() + ok.err());
        assertTrue(ok.out().contains(shipped + ": ok ("), ok.out());
        TestCli.Result fixed = genlab("run", exp.toString(), "--plugins", shipped.getParent().toString(), "--runs", work.resolve("runs").toString());
        assertEquals(0, fixed.exitCode(), fixed.out() + fixed.err());
    }

    @Test
    void usageHintFitsTheKind() throws Exception {
        TestCli.Result metric = genlab("plugins", "flaky-metric", "--plugins", plugins.toString());
        assertTrue(metric.out().contains("Use it in an experiment file as metrics = [flaky-metric], or with settings as"
                + " metrics = [{ type = flaky-metric, fail-in = \"none\" }]."), metric.out());
        TestCli.Result dataset = genlab("plugins", "flaky-data", "--plugins", plugins.toString());
        assertTrue(dataset.out().contains("Use it in an experiment file as dataset { type = flaky-data, fail-in = \"none\" }"), dataset.out());
        TestCli.Result model = genlab("plugins", "flaky", "--plugins", plugins.toString());
        assertTrue(model.out().contains("Use it in an experiment file as model { type = flaky, fail-in = \"none\" }."), model.out());
    }

    private static final String FLAKY = """
            package com.example.flaky;

            import dev.genlab.spi.*;
            import jakarta.inject.Inject;
            import java.io.IOException;
            import java.nio.file.Path;
            import java.util.*;

            public final class Flaky {
                public record FailIn(String failIn) {
                }

                public static final class ModelPlugin implements dev.genlab.spi.ModelPlugin {
                    public String name() { return "flaky"; }
                    public String description() { return "a model that fails where it is told to"; }
                    public Set<Modality> modalities() { return Set.of(Modality.TABULAR); }
                    public Class<? extends Record> configClass() { return FailIn.class; }
                    public Class<? extends GenerativeModel> modelClass() { return FlakyModel.class; }
                }

                public static final class FlakyModel implements GenerativeModel {
                    private final String failIn;

                    @Inject
                    public FlakyModel(FailIn config) {
                        failIn = config.failIn();
                        if (failIn.equals("construction")) {
                            throw new IllegalStateException("cannot construct (fail-in = construction)");
                        }
                    }

                    public boolean supportsConditions(Data train) {
                        if (failIn.equals("check")) {
                            throw new NullPointerException("no conditions today");
                        }
                        return true;
                    }

                    public FittedModel fit(Data train, TrainingContext context) {
                        if (failIn.equals("fit")) {
                            throw new IllegalStateException("boom in fit");
                        }
                        if (failIn.equals("missing")) {
                            org.example.dep.Helper.help();
                        }
                        Table table = train.asTable();
                        return new FittedModel() {
                            public Data sample(int n, long seed) {
                                if (failIn.equals("sample")) {
                                    throw new IllegalArgumentException("boom in sample");
                                }
                                SplittableRandom random = new SplittableRandom(seed);
                                int[] rows = new int[n];
                                for (int i = 0; i < n; i++) {
                                    rows[i] = random.nextInt(table.size());
                                }
                                return table.rows(rows);
                            }

                            public void save(Path directory) throws IOException {
                                if (failIn.equals("save")) {
                                    throw new IOException("cannot write model.bin: disk on fire");
                                }
                                java.nio.file.Files.writeString(directory.resolve("model.txt"), "flaky");
                            }
                        };
                    }

                    public FittedModel load(Path directory) {
                        throw new UnsupportedOperationException("not needed here");
                    }
                }

                public static final class MetricPlugin implements dev.genlab.spi.MetricPlugin {
                    public String name() { return "flaky-metric"; }
                    public String description() { return "a metric that fails where it is told to"; }
                    public Set<Modality> modalities() { return Set.of(Modality.TABULAR); }
                    public Class<? extends Record> configClass() { return FailIn.class; }
                    public Class<? extends Metric> metricClass() { return FlakyMetric.class; }
                    public List<Measure> measures() { return List.of(Measure.information("rows", "rows")); }
                }

                public static final class FlakyMetric implements Metric {
                    private final String failIn;

                    @Inject
                    public FlakyMetric(FailIn config) {
                        failIn = config.failIn();
                    }

                    public void check(Data train, DataProblems problems) {
                        if (failIn.equals("check")) {
                            throw new IllegalStateException("metric boom in check");
                        }
                    }

                    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
                        if (failIn.equals("evaluate")) {
                            throw new IllegalStateException("metric boom in evaluate");
                        }
                        return new MetricResult(Map.of("rows", (double) input.synthetic().size()), null);
                    }
                }

                public static final class DatasetPlugin implements dev.genlab.spi.DatasetPlugin {
                    public String name() { return "flaky-data"; }
                    public String description() { return "a dataset that fails where it is told to"; }
                    public Set<Modality> modalities() { return Set.of(Modality.TABULAR); }
                    public Class<? extends Record> configClass() { return FailIn.class; }
                    public Class<? extends Dataset> datasetClass() { return FlakyDataset.class; }
                }

                public static final class FlakyDataset implements Dataset {
                    @Inject
                    public FlakyDataset(FailIn config) {
                    }

                    public LoadedData load(DatasetContext context) {
                        throw new UnsupportedOperationException("no data today");
                    }
                }
            }
            """;
}
