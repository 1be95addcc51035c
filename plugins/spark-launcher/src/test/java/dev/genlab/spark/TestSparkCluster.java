package dev.genlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: the cluster really runs a job on both workers, and the master reports it completed. */
@ExtendWith(SparkClusterExtension.class)
class TestSparkCluster {
    private static final String JOB = """
            import sys
            from pyspark.sql import SparkSession
            spark = SparkSession.builder.appName(sys.argv[1]).getOrCreate()
            sc = spark.sparkContext
            rdd = sc.parallelize(range(100), 4)
            print("count=%d sum=%d app=%s" % (rdd.count(), rdd.sum(), sc.applicationId))
            spark.stop()
            """;

    @TempDir
    Path dir;

    @Test
    void aSubmittedJobRunsAndTheMasterListsItCompleted(SparkCluster cluster) throws Exception {
        assertEquals(2, cluster.aliveWorkers(), cluster.masterJson().toString());
        Path script = Files.writeString(dir.resolve("count.py"), JOB);
        String name = "genlab-harness-" + System.nanoTime();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of(cluster.sparkHome().resolve("bin/spark-submit").toString(), "--master", cluster.masterUrl(),
                "--conf", "spark.driver.host=" + SparkCluster.HOST, "--conf", "spark.driver.bindAddress=" + SparkCluster.HOST,
                "--conf", "spark.ui.enabled=false", script.toString(), name))
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(cluster.environment());
        Process p = pb.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "spark-submit did not end within 3 minutes");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stdout + Files.readString(err, StandardCharsets.UTF_8));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("count=(\\d+) sum=(\\d+) app=(\\S+)").matcher(stdout);
        assertTrue(m.find(), stdout);
        assertEquals("100", m.group(1));
        assertEquals("4950", m.group(2));
        SparkCluster.Application app = cluster.awaitCompleted(m.group(3), Duration.ofSeconds(30));
        assertEquals(name, app.name());
        assertEquals("FINISHED", app.state());
    }

    @Test
    void aKilledWorkerTakesItsChildrenAndANewOneJoins(SparkCluster cluster) throws Exception {
        cluster.awaitAliveWorkers(2);
        SparkCluster.Worker victim = cluster.liveWorkers().get(0);
        long pid = victim.pid();
        victim.kill();
        assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive(), "worker " + pid + " still runs");
        assertTrue(victim.descendants().isEmpty(), "its children still run: " + victim.descendants());
        cluster.restoreWorkers(2);
        assertEquals(2, cluster.liveWorkers().size());
        assertEquals(2, cluster.aliveWorkers(), cluster.masterJson().toString());
    }
}
