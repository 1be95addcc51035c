package dev.genlab.cli;

import static dev.genlab.cli.TestCli.genlab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep.launcher through the command: listed like plugins, shown by config, and refused before anything is written. */
class TestSweepLauncherCli {
    @TempDir
    Path dir;

    private Path experiment(String launcher) throws IOException {
        Path f = dir.resolve("exp.conf");
        Files.writeString(f, """
                dataset { type = adult, target = income }
                model { type = copula }
                metrics = [fidelity]
                sweep {
                  seeds = [1, 2]
                  launcher {
                %s
                  }
                }
                """.formatted(launcher));
        return f;
    }

    @Test
    void launchersAreListedWithTheirKeys() throws IOException {
        TestCli.Result spark = genlab("plugins", "spark");
        assertEquals(0, spark.exitCode(), spark.err());
        assertTrue(spark.out().startsWith("launcher spark  Each trial a task of one Apache Spark application"), spark.out());
        assertTrue(spark.out().contains("    master = (required)    # The cluster: spark://host:port"), spark.out());
        assertTrue(spark.out().contains("    max-attempts = 2    # Times a trial is tried before it is FAILED (spark.task.maxFailures)"), spark.out());
        assertTrue(spark.out().contains("sweep { launcher { type = spark, <key> = <value> } }"), spark.out());
        TestCli.Result all = genlab("plugins", "--json");
        List<String> launchers = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode p : new com.fasterxml.jackson.databind.ObjectMapper().readTree(all.out())) {
            if (p.get("kind").asText().equals("launcher")) {
                launchers.add(p.get("name").asText());
            }
        }
        assertEquals(List.of("local", "processes", "spark"), launchers);
        TestCli.Result typo = genlab("plugins", "sprk");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("no plugin named 'sprk'; did you mean 'spark'?"), typo.err());
    }

    @Test
    void configShowsTheLaunchersKeysWithTheirOrigins() throws IOException {
        Path f = experiment("    type = processes");
        TestCli.Result r = genlab("config", f.toString(), "--no-color");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*sweep\\.launcher\\.type = processes +# " + java.util.regex.Pattern.quote(f.toString()) + ":7\n.*"), r.out());
        assertTrue(r.out().contains("sweep: 2 trials over seed, launcher processes"), r.out());
        TestCli.Result byDefault = genlab("config", f.toString(), "--no-color", "--unset", "sweep.launcher", "--set", "sweep.parallelism=1");
        assertTrue(byDefault.out().contains("sweep.launcher.type = local") && byDefault.out().contains("# genlab default for sweep.parallelism = 1"),
                byDefault.out());
    }

    @Test
    void badSparkSettingsAreExitTwoWithEveryProblemLocatedAndNothingWritten() throws IOException {
        Path f = experiment("""
                    type = spark
                    master = "spark:/nowhere"
                    spark-home = "%s"
                    max-atempts = 3
                    trial-memory = much
                """.formatted(dir.resolve("no-spark")));
        Path runs = dir.resolve("runs");
        TestCli.Result r = genlab("run", f.toString(), "--runs", runs.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        String where = f.toString();
        assertTrue(r.err().contains(where + ":10: sweep.launcher.max-atempts: unknown key for launcher 'spark'; did you mean 'max-attempts'?"), r.err());
        assertTrue(r.err().contains(where + ":8: sweep.launcher.master: 'spark:/nowhere' is not a Spark master; expected spark://host:7077 (standalone),"
                + " yarn, k8s://https://host:443 (Kubernetes), local[N] (this machine)"), r.err());
        assertTrue(r.err().contains(where + ":11: sweep.launcher.trial-memory: 'much' is not an amount of memory; expected e.g. 512m, 4g"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(runs), "nothing written");

        TestCli.Result home = genlab("validate", f.toString(), "--set", "sweep.launcher.master=\"local[2]\"", "--unset", "sweep.launcher.max-atempts",
                "--set", "sweep.launcher.trial-memory=3g");
        assertEquals(2, home.exitCode(), home.out() + home.err());
        assertTrue(home.err().contains(":9: sweep.launcher.spark-home: spark-home " + dir.resolve("no-spark") + " is not a directory;"
                + " name the Spark installation"), home.err());
    }
}
