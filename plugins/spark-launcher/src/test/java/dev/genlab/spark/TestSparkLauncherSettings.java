package dev.genlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import dev.genlab.runtime.config.ConfigProblem;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.sweep.SweepLauncherRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep.launcher { type = spark, ... }: defaults, full mapping, and every problem located before anything is submitted. */
class TestSparkLauncherSettings {
    @TempDir
    Path dir;

    /** A directory laid out as a Spark installation: bin/spark-submit, executable (the check looks no further). */
    private Path sparkHome() throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark"));
        Path submit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
        Files.writeString(submit, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private SweepLauncherRegistry.Choice choose(Map<String, String> env, String launcher, Problems problems) throws IOException {
        Path f = dir.resolve("exp.conf");
        Files.writeString(f, "sweep {\n  seeds = [1, 2]\n  launcher {\n" + launcher + "\n  }\n}\n");
        ConfigObject sweep = (ConfigObject) ConfigFactory.parseFile(f.toFile()).root().get("sweep");
        return new SweepLauncherRegistry(List.of(new SparkLauncherFactory(env))).choose(sweep, 1, problems);
    }

    private List<String> errors(Map<String, String> env, String launcher) throws IOException {
        Problems problems = new Problems();
        assertNull(choose(env, launcher, problems));
        return problems.list().stream().map(ConfigProblem::toString).map(s -> s.replace(dir + "/", "")).toList();
    }

    @Test
    void defaults() throws IOException {
        Problems problems = new Problems();
        SweepLauncherRegistry.Choice c = choose(Map.of("SPARK_HOME", sparkHome().toString()), "type = spark\nmaster = \"local[2]\"", problems);
        assertEquals(List.of(), problems.list());
        assertEquals(new SparkLauncherSettings("local[2]", Optional.empty(), 1, "1g", "1g", 1, "2g", 2, 180, Map.of()), c.settings());
        assertTrue(((SparkLauncherSettings) c.settings()).loopback());
    }

    @Test
    void fullMapping() throws IOException {
        Problems problems = new Problems();
        SweepLauncherRegistry.Choice c = choose(Map.of(), """
                type = spark
                master = "local[4]"
                spark-home = "%s"
                executor-cores = 4
                executor-memory = 4g
                driver-memory = 2g
                trial-cores = 2
                trial-memory = 3g
                max-attempts = 3
                submit-timeout = 60
                conf { "spark.eventLog.enabled" = "true" }
                """.formatted(sparkHome()), problems);
        assertEquals(List.of(), problems.list());
        assertEquals(new SparkLauncherSettings("local[4]", Optional.of(sparkHome().toString()), 4, "4g", "2g", 2, "3g", 3, 60,
                Map.of("spark.eventLog.enabled", "true")), c.settings());
    }

    @Test
    void everyBadValueIsLocatedAtItsKey() throws IOException {
        assertEquals(List.of(
                "exp.conf:6: sweep.launcher.executor-cors: unknown key for launcher 'spark'; did you mean 'executor-cores'? (valid keys: master,"
                        + " spark-home, executor-cores, executor-memory, driver-memory, trial-cores, trial-memory, max-attempts, submit-timeout, conf)",
                "exp.conf:5: sweep.launcher.master: 'spark//host' is not a Spark master; expected spark://host:7077 (standalone), yarn,"
                        + " k8s://https://host:443 (Kubernetes), local[N] (this machine)",
                "exp.conf:7: sweep.launcher.max-attempts: expected at least 1 but got 0",
                "exp.conf:8: sweep.launcher.executor-memory: 'lots' is not an amount of memory; expected e.g. 512m, 4g",
                "exp.conf:9: sweep.launcher.conf: 'spark.task.maxFailures' is set by the launcher; use its key 'max-attempts'"),
                errors(Map.of(), """
                        type = spark
                        master = "spark//host"
                        executor-cors = 2
                        max-attempts = 0
                        executor-memory = lots
                        conf { "spark.task.maxFailures" = 9 }"""));
        assertEquals(List.of("exp.conf:6: sweep.launcher.max-attempts: expected an integer but got the string \"two\""),
                errors(Map.of(), "type = spark\nmaster = \"local\"\nmax-attempts = two"));
    }

    @Test
    void theInstallationIsChecked() throws IOException {
        String none = "exp.conf:3: sweep.launcher.spark-home: no Spark installation: set SPARK_HOME or spark-home = \"/path/to/spark\"";
        assertTrue(errors(Map.of(), "type = spark\nmaster = \"local\"").get(0).startsWith(none));
        assertEquals(List.of("exp.conf:3: sweep.launcher.spark-home: SPARK_HOME " + dir + " has no executable bin/spark-submit;"
                        + " name the Spark installation (the directory with bin/spark-submit)"),
                errors(Map.of("SPARK_HOME", dir.toString()), "type = spark\nmaster = \"local\""));
        assertEquals(List.of("exp.conf:6: sweep.launcher.spark-home: spark-home nope is not a directory; name the Spark installation"),
                errors(Map.of(), "type = spark\nmaster = \"local\"\nspark-home = \"" + dir.resolve("nope") + "\""));
    }

    @Test
    void theClusterIsCheckedBeforeAnythingIsSubmitted() throws IOException {
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome().toString());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing answers there
        }
        assertEquals(List.of("exp.conf:5: sweep.launcher.master: no Spark master answers at 127.0.0.1:" + port
                        + " (start one: $SPARK_HOME/sbin/start-master.sh; or use spark://host:7077 (standalone), yarn, k8s://https://host:443"
                        + " (Kubernetes), local[N] (this machine))"),
                errors(env, "type = spark\nmaster = \"spark://127.0.0.1:" + port + "\""));
        assertEquals(List.of("exp.conf:5: sweep.launcher.master: master = yarn needs HADOOP_CONF_DIR (or YARN_CONF_DIR) in the environment,"
                + " naming the cluster's Hadoop configuration"), errors(env, "type = spark\nmaster = yarn"));
        assertEquals(List.of("exp.conf:3: sweep.launcher.conf: master = k8s://https://k8s.example:443 needs the executors' container image:"
                        + " conf { \"spark.kubernetes.container.image\" = \"<registry>/spark:4.2.0\" }"),
                errors(env, "type = spark\nmaster = \"k8s://https://k8s.example:443\""));
    }

    @Test
    void theLauncherIsFoundNextToTheOthers() {
        assertEquals(List.of("local", "processes", "spark"), SweepLauncherRegistry.discover().names());
    }
}
