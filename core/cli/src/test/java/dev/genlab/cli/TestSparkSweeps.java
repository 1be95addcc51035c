package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genlab.runtime.tracking.mlflow.MlflowHttp;
import dev.genlab.runtime.tracking.mlflow.MlflowServer;
import dev.genlab.runtime.tracking.mlflow.MlflowServerExtension;
import dev.genlab.spark.SparkCluster;
import dev.genlab.spark.SparkClusterExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps through {@code sweep.launcher.type = spark} on a real Spark standalone cluster (a master and two one-core
 * workers on 127.0.0.1, {@link SparkClusterExtension}), each through the real {@code genlab run} in a JVM of its own,
 * as a user runs it: the numbers are those of the same sweep run in local processes, a failing trial is tried
 * {@code max-attempts} times and recorded once, Ctrl-C stops the trials and the application, a worker that dies
 * mid-sweep costs nothing but time, and bad settings are located errors before anything is submitted or written.
 */
@ExtendWith(SparkClusterExtension.class)
class TestSparkSweeps {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(5);
    /** A trial's genlab process on an executor (the launcher runs {@code genlab run ... --trial-of PARENT}). */
    private static final java.util.function.Predicate<String> TRIAL_PROCESS = c -> c.contains(Main.class.getName()) && c.contains("--trial-of");

    /** Copula and a two-epoch GAN on 800 rows of Adult, two seeds each: seconds per trial, and every number seeded. */
    private static final String TWO_MODELS_TWO_SEEDS = """
            name = spark-e2e
            seed = 42
            dataset { type = adult, target = income, sensitive = [sex], max-rows = 800 }
            model { type = copula }
            sample { rows = 300 }
            metrics = [fidelity, privacy]
            sweep {
              model.type = [copula, gan]
              per-model { gan { epochs = [2], batch-size = [128] } }
              seeds = [1, 2]
              parallelism = 2
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aSweepOnSparkGivesTheNumbersAndTheRunsOfTheSameSweepInLocalProcesses(SparkCluster cluster) throws Exception {
        Path file = Files.writeString(dir.resolve("sweep.conf"), TWO_MODELS_TWO_SEEDS);
        Path localRuns = dir.resolve("runs-local");
        Path sparkRuns = dir.resolve("runs-spark");
        TestCli.Result local = ChildJvm.genlab(dir, Map.of(), SWEEP_TIMEOUT, "run", file.toString(), "--runs", localRuns.toString(), "-q",
                "--set", "sweep.launcher.type=processes");
        assertEquals(0, local.exitCode(), local.out() + local.err());
        TestCli.Result spark = ChildJvm.genlab(dir, cluster.environment(), SWEEP_TIMEOUT, "run", file.toString(), "--runs", sparkRuns.toString(), "-q",
                "--set", "sweep.launcher.type=spark", "--set", "sweep.launcher.master=\"" + cluster.masterUrl() + "\"");
        assertEquals(0, spark.exitCode(), spark.out() + spark.err());

        Store l = Store.read(localRuns);
        Store s = Store.read(sparkRuns);
        for (Store store : List.of(l, s)) {
            assertEquals("FINISHED", store.parent().path("status").asText(), store.toString());
            assertEquals(Set.of("copula s1", "copula s2", "gan bs128 e2 s1", "gan bs128 e2 s2"), store.trialsByName().keySet(), store.toString());
            assertEquals(5, store.runs().size(), "a parent and four trials, nothing else: " + store);
            store.trialsByName().values().forEach(t -> assertEquals("FINISHED", t.path("status").asText(), t.toString()));
        }
        for (String name : l.trialsByName().keySet()) {
            Path lr = l.directory(l.trialsByName().get(name));
            Path sr = s.directory(s.trialsByName().get(name));
            assertEquals(JSON.readTree(lr.resolve("results.json").toFile()), JSON.readTree(sr.resolve("results.json").toFile()), name + ": the numbers");
            assertEquals(files(lr), files(sr), name + ": the run directory's layout");
            assertEquals(-1L, Files.mismatch(lr.resolve("artifacts/synthetic.csv"), sr.resolve("artifacts/synthetic.csv")), name + ": synthetic.csv");
            // what the run records about itself is the same too, but for what differs between any two runs (ids, times,
            // hashes of files that hold them) and where the trial's process found its files (provenance paths on the
            // executor) — and the attempts it took, which only a Spark trial records
            Map<String, String> sparkTags = comparableTags(s.tags(s.trialsByName().get(name)));
            assertEquals("1", sparkTags.remove("spark.attempts"), name);
            assertEquals(comparableTags(l.tags(l.trialsByName().get(name))), sparkTags, name + ": tags");
            for (String f : List.of("params.json", "measures.json", "config.conf")) {
                assertEquals(Files.readString(lr.resolve(f)), Files.readString(sr.resolve(f)), name + ": " + f);
            }
        }
        Path lp = l.directory(l.parent());
        Path sp = s.directory(s.parent());
        assertEquals(Files.readString(lp.resolve("artifacts/comparison.csv")), Files.readString(sp.resolve("artifacts/comparison.csv")));
        assertEquals(JSON.readTree(lp.resolve("results.json").toFile()), JSON.readTree(sp.resolve("results.json").toFile()));
        assertEquals(files(lp.resolve("artifacts")), files(sp.resolve("artifacts")), "the sweep's artifacts");
        assertEquals(l.parentTag("genlab.sweep.trials"), s.parentTag("genlab.sweep.trials"));
        assertEquals("4", s.parentTag("genlab.sweep.finished"));

        String appId = s.parentTag("spark.applicationId");
        assertNotNull(appId, "the parent run names its Spark application: " + s.parentTags());
        assertTrue(appId.startsWith("app-"), appId);
        assertNotNull(s.parentTag("spark.uiWebUrl"), s.parentTags().toString());
        assertEquals("FINISHED", cluster.awaitCompleted(appId, Duration.ofSeconds(60)).state(), "the application ended well");
        assertEquals(null, l.parentTag("spark.applicationId"), "local processes are no Spark application");
    }

    @Test
    void aTrialThatFailsIsTriedMaxAttemptsTimesAndRecordedOnceFailed(SparkCluster cluster) throws Exception {
        // the GAN asks for a GPU: the settings are valid, and the trial fails when it fits (no GPU on this machine)
        Path file = Files.writeString(dir.resolve("failing.conf"), """
                name = spark-failing
                seed = 42
                dataset { type = adult, max-rows = 400 }
                model { type = copula }
                sample { rows = 100 }
                metrics = [fidelity]
                sweep {
                  model.type = [copula, gan]
                  per-model { gan { epochs = [1], batch-size = [64], device = [gpu] } }
                  seeds = [1]
                  parallelism = 2
                }
                """);
        Path runs = dir.resolve("runs");
        TestCli.Result r = ChildJvm.genlab(dir, cluster.environment(), SWEEP_TIMEOUT, "run", file.toString(), "--runs", runs.toString(), "-q",
                "--set", "sweep.launcher.type=spark", "--set", "sweep.launcher.master=\"" + cluster.masterUrl() + "\"",
                "--set", "sweep.launcher.max-attempts=2");
        assertEquals(Main.RUN_FAILED, r.exitCode(), r.out() + r.err());
        Store s = Store.read(runs);
        assertEquals(3, s.runs().size(), "a parent and one run per trial, no run per attempt: " + s);
        assertEquals(2, s.trialsByName().size(), s.toString());
        assertEquals("FINISHED", s.trialsByName().get("copula s1").path("status").asText(), s.toString());
        JsonNode gan = s.trialsByName().entrySet().stream().filter(e -> e.getKey().startsWith("gan ")).findFirst().orElseThrow().getValue();
        assertEquals("FAILED", gan.path("status").asText(), gan.toString());
        assertTrue(gan.path("error").asText().contains("no GPU"), "the trial's own error: " + gan);
        assertEquals("2", s.tags(gan).get("spark.attempts"), "tried twice: " + s.tags(gan));
        assertEquals("1", s.tags(s.trialsByName().get("copula s1")).get("spark.attempts"), "a trial that finished is tried once");
        assertEquals("FINISHED", s.parent().path("status").asText(), "one trial finished: " + s);
        assertEquals("1", s.parentTag("genlab.sweep.failed"));
        String appId = s.parentTag("spark.applicationId");
        assertEquals("FINISHED", cluster.awaitCompleted(appId, Duration.ofSeconds(60)).state(), "a failed trial does not fail the application");
    }

    @Test
    void ctrlCStopsTheTrialsAndTheApplication(SparkCluster cluster) throws Exception {
        // GAN trials that would train for hours: Ctrl-C comes while two of them run, one on each worker
        Path file = Files.writeString(dir.resolve("long.conf"), """
                name = spark-cancel
                dataset { type = toy-8gaussians, rows = 2000 }
                model { type = gan, epochs = 100000, batch-size = 64 }
                metrics = [fidelity]
                sweep { seeds = [1, 2, 3], parallelism = 2 }
                """);
        Path runs = dir.resolve("runs");
        Path log = dir.resolve("genlab.log");
        Process p = ChildJvm.start(dir, cluster.environment(), log, "run", file.toString(), "--runs", runs.toString(),
                "--set", "sweep.launcher.type=spark", "--set", "sweep.launcher.master=\"" + cluster.masterUrl() + "\"");
        try {
            awaitTrialsRunning(cluster, p, log, 2);
            Thread.sleep(2000); // well into training
            Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(p.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "genlab did not stop within 90 s of Ctrl-C: " + Files.readString(log));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(Main.CANCELLED, p.exitValue(), out);
        Store s = Store.read(runs);
        assertEquals("KILLED", s.parent().path("status").asText(), s.toString());
        assertTrue(s.parent().hasNonNull("end"), "the parent has its end time");
        Map<String, JsonNode> trials = s.trialsByName();
        assertEquals(2, trials.size(), "the two trials that ran are in the store, the one still queued is not (as in a local sweep): " + s);
        for (JsonNode t : trials.values()) {
            assertEquals("KILLED", t.path("status").asText(), "an unfinished trial is KILLED: " + t);
            assertTrue(t.hasNonNull("end"), t.toString());
        }
        assertEquals("1", s.parentTag("genlab.sweep.not_run"), s.parentTags().toString());
        String appId = s.parentTag("spark.applicationId");
        assertNotNull(appId, s.parentTags().toString());
        SparkCluster.Application app = cluster.awaitCompleted(appId, Duration.ofSeconds(60));
        assertFalse(app.state().equals("RUNNING"), app.toString());
        awaitNoTrialProcesses(cluster);
    }

    @Test
    void aWorkerThatDiesMidSweepCostsOnlyTime(SparkCluster cluster) throws Exception {
        Path file = Files.writeString(dir.resolve("kill.conf"), """
                name = spark-worker-lost
                dataset { type = toy-8gaussians, rows = 2000 }
                model { type = gan, epochs = 8, batch-size = 64 }
                sample { rows = 500 }
                metrics = [fidelity]
                sweep { seeds = [1, 2, 3], parallelism = 2 }
                """);
        Path runs = dir.resolve("runs");
        Path log = dir.resolve("genlab.log");
        Process p = ChildJvm.start(dir, cluster.environment(), log, "run", file.toString(), "--runs", runs.toString(), "-q",
                "--set", "sweep.launcher.type=spark", "--set", "sweep.launcher.master=\"" + cluster.masterUrl() + "\"");
        try {
            awaitTrialsRunning(cluster, p, log, 1);
            Thread.sleep(1000);
            SparkCluster.Worker victim = cluster.liveWorkers().stream().filter(w -> w.runs(TRIAL_PROCESS)).findFirst()
                    .orElseThrow(() -> new AssertionError("no worker runs a trial"));
            victim.kill();
            assertTrue(p.waitFor(SWEEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the sweep did not end: " + Files.readString(log));
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            Store s = Store.read(runs);
            assertEquals("FINISHED", s.parent().path("status").asText(), s.toString());
            assertEquals(4, s.runs().size(), "a parent and one run per trial, the re-run one included, no duplicate: " + s);
            assertEquals(Set.of("s1", "s2", "s3"), s.trialsByName().keySet(), s.toString());
            s.trialsByName().values().forEach(t -> assertEquals("FINISHED", t.path("status").asText(), t.toString()));
            assertTrue(s.trialsByName().values().stream().anyMatch(t -> !"1".equals(s.tags(t).get("spark.attempts"))),
                    "the trial of the dead worker ran again: " + s.trialsByName().values().stream().map(s::tags).toList());
            assertEquals("FINISHED", cluster.awaitCompleted(s.parentTag("spark.applicationId"), Duration.ofSeconds(60)).state());
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            cluster.restoreWorkers(2);
        }
    }

    @Test
    @ExtendWith(MlflowServerExtension.class)
    void aSweepOnSparkReachesMlflowAsTheParentAndItsTrials(SparkCluster cluster, MlflowServer server) throws Exception {
        String experiment = "spark-e2e-" + System.nanoTime();
        Path file = Files.writeString(dir.resolve("mlflow.conf"), """
                name = spark-mlflow
                seed = 42
                dataset { type = adult, max-rows = 600 }
                model { type = copula }
                sample { rows = 200 }
                metrics = [fidelity]
                sweep { seeds = [1, 2], parallelism = 2 }
                tracking.mlflow { uri = "%s", experiment = "%s" }
                """.formatted(server.uri(), experiment));
        Path runs = dir.resolve("runs");
        TestCli.Result r = ChildJvm.genlab(dir, cluster.environment(), SWEEP_TIMEOUT, "run", file.toString(), "--runs", runs.toString(), "-q",
                "--set", "sweep.launcher.type=spark", "--set", "sweep.launcher.master=\"" + cluster.masterUrl() + "\"");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        Store s = Store.read(runs);

        MlflowHttp http = new MlflowHttp(server.uri(), new MlflowHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(20), 2, Duration.ofMillis(100)));
        String experimentId = http.get("experiments/get-by-name", Map.of("experiment_name", experiment)).path("experiment").path("experiment_id").asText();
        List<JsonNode> remote = new ArrayList<>();
        http.post("runs/search", Map.of("experiment_ids", List.of(experimentId), "run_view_type", "ALL")).path("runs").forEach(remote::add);
        assertEquals(3, remote.size(), "the parent and its two trials, once each: " + remote);
        List<JsonNode> parents = remote.stream().filter(x -> tag(x, "mlflow.parentRunId") == null).toList();
        assertEquals(1, parents.size(), remote.toString());
        JsonNode parent = parents.get(0);
        assertEquals("FINISHED", parent.path("info").path("status").asText(), parent.toString());
        assertEquals(s.parentTag("spark.applicationId"), tag(parent, "spark.applicationId"), "the parent names its Spark application in MLflow too");
        Map<String, JsonNode> trials = new TreeMap<>();
        for (JsonNode x : remote) {
            if (x != parent) {
                assertEquals(parent.path("info").path("run_id").asText(), tag(x, "mlflow.parentRunId"), "nested under the sweep: " + x);
                assertEquals("FINISHED", x.path("info").path("status").asText(), x + "\n" + r.out() + r.err());
                trials.put(tag(x, "mlflow.runName"), x);
            }
        }
        assertEquals(s.trialsByName().keySet(), trials.keySet());
        for (Map.Entry<String, JsonNode> t : trials.entrySet()) {
            JsonNode local = JSON.readTree(s.directory(s.trialsByName().get(t.getKey())).resolve("results.json").toFile());
            double remoteValue = Double.NaN;
            for (JsonNode m : t.getValue().path("data").path("metrics")) {
                if (m.path("key").asText().equals("fidelity.overall")) {
                    remoteValue = m.path("value").asDouble();
                }
            }
            assertEquals(local.path("fidelity.overall").asDouble(), remoteValue, t.getKey() + ": the trial's numbers in MLflow");
        }
    }

    private static String tag(JsonNode run, String key) {
        for (JsonNode t : run.path("data").path("tags")) {
            if (t.path("key").asText().equals(key)) {
                return t.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void badSettingsAreLocatedErrorsBeforeAnythingIsSubmittedOrWritten(SparkCluster cluster) throws Exception {
        int appsBefore = cluster.applications().size();
        String home = "spark-home = \"" + cluster.sparkHome() + "\"";
        String unreachable = "127.0.0.1:" + freePort();
        assertRefused(Map.of(), """
                sweep.launcher {
                  type = sparkk
                }
                """, "sweep.conf:14", "sweep.launcher.type", "did you mean 'spark'", "local", "processes");
        assertRefused(Map.of(), """
                sweep.launcher {
                  type = spark
                  master = "%s"
                  %s
                  executor-core = 2
                }
                """.formatted(cluster.masterUrl(), home), "sweep.conf:17", "executor-core", "did you mean 'executor-cores'");
        assertRefused(Map.of(), """
                sweep.launcher {
                  type = spark
                  master = "%s"
                  %s
                }
                """.formatted("spark://" + unreachable, home), "sweep.conf:15", "sweep.launcher.master", "no Spark master answers at " + unreachable);
        // no spark-home, no SPARK_HOME: in a JVM of its own, whose environment has none
        Path file = Files.writeString(dir.resolve("sweep.conf"), TWO_MODELS_TWO_SEEDS + """
                sweep.launcher {
                  type = spark
                  master = "%s"
                }
                """.formatted(cluster.masterUrl()));
        Path runs = dir.resolve("runs-no-home");
        TestCli.Result r = ChildJvm.genlab(dir, Map.of("SPARK_HOME", ""), Duration.ofMinutes(2), "run", file.toString(), "--runs", runs.toString());
        assertEquals(Main.USER_ERROR, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("sweep.conf:"), r.err());
        assertTrue(r.err().contains("SPARK_HOME"), r.err());
        assertTrue(r.err().contains("spark-home"), r.err());
        assertFalse(Files.exists(runs), "nothing written");
        assertEquals(appsBefore, cluster.applications().size(), "nothing submitted: " + cluster.applications());
    }

    /** {@code launcher} after the sweep file's lines: exit 2, each of {@code expected} in the error, nothing written. */
    private void assertRefused(Map<String, String> env, String launcher, String... expected) throws IOException {
        Path file = Files.writeString(dir.resolve("sweep.conf"), TWO_MODELS_TWO_SEEDS + launcher);
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", file.toString(), "--runs", runs.toString());
        assertEquals(Main.USER_ERROR, r.exitCode(), r.out() + r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "'" + e + "' in: " + r.err());
        }
        assertFalse(Files.exists(runs), "nothing written: " + r.err());
    }

    private static void awaitTrialsRunning(SparkCluster cluster, Process p, Path log, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (cluster.liveWorkers().stream().filter(w -> w.runs(TRIAL_PROCESS)).count() < n) {
            assertTrue(p.isAlive(), "the sweep ended before " + n + " trials ran: " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, n + " trials were not running on the workers within 3 minutes: " + Files.readString(log));
            Thread.sleep(100);
        }
    }

    private static void awaitNoTrialProcesses(SparkCluster cluster) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cluster.liveWorkers().stream().anyMatch(w -> w.runs(TRIAL_PROCESS))) {
            assertTrue(System.nanoTime() < deadline, "trial processes still run on the workers a minute after the sweep ended");
            Thread.sleep(200);
        }
    }

    /** A run's tags without those that differ between any two runs of one trial, or name a path of its process. */
    private static Map<String, String> comparableTags(Map<String, String> tags) {
        Map<String, String> out = new TreeMap<>(tags);
        // genlab.git_commit is the commit of the repository the experiment file is in: on an executor, of its copy there
        // (none on a real cluster; this clone's here, where the workers' directories are inside it)
        out.keySet().removeIf(k -> k.startsWith("genlab.output.") || k.startsWith("genlab.seconds.") || k.equals("genlab.experiment_file")
                || k.equals("genlab.git_commit"));
        return out;
    }

    /** The files under {@code dir}, relative, sorted. */
    private static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(SparkCluster.HOST))) {
            return s.getLocalPort();
        }
    }

    /** A local run store as the tests read it: every run's run.json by id. */
    private record Store(Path root, Map<String, JsonNode> runs) {
        static Store read(Path root) throws IOException {
            Map<String, JsonNode> runs = new TreeMap<>();
            try (Stream<Path> s = Files.list(root)) {
                for (Path d : s.filter(Files::isDirectory).toList()) {
                    Path json = d.resolve("run.json");
                    assertTrue(Files.isRegularFile(json), "a run directory without run.json: " + d);
                    runs.put(d.getFileName().toString(), JSON.readTree(json.toFile()));
                }
            }
            return new Store(root, runs);
        }

        JsonNode parent() {
            List<JsonNode> parents = runs.values().stream().filter(r -> r.path("parent").isNull() || r.path("parent").isMissingNode()).toList();
            assertEquals(1, parents.size(), "one sweep run: " + this);
            return parents.get(0);
        }

        /** The parent's children by name; fails if two have one name. */
        Map<String, JsonNode> trialsByName() {
            String parentId = parent().path("id").asText();
            Map<String, JsonNode> out = new LinkedHashMap<>();
            for (JsonNode r : runs.values()) {
                if (parentId.equals(r.path("parent").asText(null))) {
                    assertEquals(null, out.put(r.path("name").asText(), r), "two runs named " + r.path("name").asText() + ": " + this);
                }
            }
            return out;
        }

        Path directory(JsonNode run) {
            return root.resolve(run.path("id").asText());
        }

        Map<String, String> tags(JsonNode run) {
            try {
                Map<String, String> out = new TreeMap<>();
                JSON.readTree(directory(run).resolve("tags.json").toFile()).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
                return out;
            } catch (IOException e) {
                throw new AssertionError("no tags.json in " + directory(run), e);
            }
        }

        Map<String, String> parentTags() {
            return tags(parent());
        }

        String parentTag(String key) {
            return parentTags().get(key);
        }

        @Override
        public String toString() {
            List<String> lines = new ArrayList<>();
            runs.forEach((id, r) -> lines.add(id + " " + r.path("name").asText() + " " + r.path("status").asText() + " parent=" + r.path("parent").asText()));
            return root + ":\n  " + String.join("\n  ", lines);
        }
    }
}
