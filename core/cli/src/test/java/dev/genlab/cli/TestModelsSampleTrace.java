package dev.genlab.cli;

import static dev.genlab.cli.TestCli.genlab;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genlab.runtime.output.FileDigest;
import dev.genlab.runtime.tracking.mlflow.MlflowHttp;
import dev.genlab.runtime.tracking.mlflow.MlflowServer;
import dev.genlab.runtime.tracking.mlflow.MlflowServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's "done when", against a real MLflow server: a run logs its model (MLmodel with the genlab flavor) and
 * registers a version; {@code genlab sample models:/NAME/1} works from a fresh process that has only
 * MLFLOW_TRACKING_URI; the same seed gives the same bytes whatever the source; {@code genlab trace} names the
 * run of a sample and of a run's synthetic.csv (locally, and through MLflow tags when the local store has no
 * trace of it), and calls a modified file unknown.
 */
@ExtendWith(MlflowServerExtension.class)
class TestModelsSampleTrace {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRunLogsAndRegistersItsModelWhichSamplesAndTracesFromAFreshShell(MlflowServer server) throws Exception {
        String experiment = "models-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000;
        String registered = "reg-" + experiment;
        Path file = experiment(dir, experiment, "\"" + server.uri() + "\"", registered);
        Path runs = dir.resolve("runs");
        TestCli.Result run = genlab("run", file.toString(), "--runs", runs.toString(), "-q");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        Path runDir = onlyRun(runs);
        String localRunId = runDir.getFileName().toString();

        // the local model directory is an MLflow model with the genlab flavor
        Path model = runDir.resolve("artifacts/model");
        String mlmodel = Files.readString(model.resolve("MLmodel"));
        for (String expected : List.of("flavors:\n  genlab:\n", "plugin_type: 'copula'", "plugin_version: '", "genlab_version: '",
                "files:\n    - 'copula.bin'", "signature:\n  inputs: '[", "\"name\":\"colour\"", "genlab_run_id: '" + localRunId + "'")) {
            assertTrue(mlmodel.contains(expected), expected + " in\n" + mlmodel);
        }
        // outputs.json: every artifact with its sha256
        JsonNode outputs = JSON.readTree(runDir.resolve("outputs.json").toFile()).path("outputs");
        Path synthetic = runDir.resolve("artifacts/synthetic.csv");
        String syntheticSha = FileDigest.sha256(synthetic);
        assertTrue(contains(outputs, "synthetic.csv", syntheticSha), outputs.toString());
        assertTrue(contains(outputs, "model/copula.bin", FileDigest.sha256(model.resolve("copula.bin"))), outputs.toString());

        // MLflow: the model is logged (the run's Models column) and registered as version 1 of this run
        MlflowHttp http = new MlflowHttp(server.uri(), new MlflowHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(20), 2, Duration.ofMillis(100)));
        JsonNode remote = onlyRemoteRun(http, experiment);
        String mlflowRunId = remote.path("info").path("run_id").asText();
        Map<String, String> tags = tags(remote);
        JsonNode history = JSON.readTree(tags.get("mlflow.log-model.history"));
        assertEquals("model", history.get(0).path("artifact_path").asText(), history.toString());
        assertEquals(mlflowRunId, history.get(0).path("run_id").asText());
        assertEquals("copula", history.get(0).path("flavors").path("genlab").path("plugin_type").asText(), history.toString());
        assertEquals("synthetic.csv", tags.get("genlab.output." + syntheticSha), "a tag per output");
        String artifactRoot = remote.path("info").path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/+", "");
        assertArrayEquals(Files.readAllBytes(model.resolve("MLmodel")), http.download(artifactRoot + "/model/MLmodel"), "MLmodel uploaded");
        assertArrayEquals(Files.readAllBytes(runDir.resolve("outputs.json")), http.download(artifactRoot + "/outputs.json"), "outputs.json uploaded");
        JsonNode version = http.get("model-versions/get", Map.of("name", registered, "version", "1")).path("model_version");
        assertEquals(mlflowRunId, version.path("run_id").asText(), version.toString());
        assertEquals("mlflow-artifacts:/" + artifactRoot + "/model", version.path("source").asText());
        assertEquals(0, http.get("model-versions/search", Map.of("filter", "name = '" + registered + "'")).path("model_versions").size() - 1,
                "exactly one version");

        // a fresh shell: another directory, another process, only MLFLOW_TRACKING_URI
        Path fresh = Files.createDirectories(dir.resolve("fresh"));
        Child sample = child(fresh, server, "sample", "models:/" + registered + "/1", "--rows", "100", "--out", "s.csv");
        assertEquals(0, sample.exit(), sample.output());
        Path s = fresh.resolve("s.csv");
        List<String> lines = Files.readAllLines(s);
        assertEquals(101, lines.size(), "a header and 100 rows");
        assertEquals("age,hours,colour", lines.get(0));
        assertEquals(0, child(fresh, server, "sample", "models:/" + registered + "/1", "--rows", "100", "--out", "again.csv").exit());
        assertArrayEquals(Files.readAllBytes(s), Files.readAllBytes(fresh.resolve("again.csv")), "same seed, same file");
        assertEquals(0, genlab("sample", "runs:/" + mlflowRunId + "/model", "--rows", "100", "--out", dir.resolve("byrun.csv").toString(),
                "--tracking-uri", server.uri().toString(), "--runs", dir.resolve("other-runs").toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(s), Files.readAllBytes(dir.resolve("byrun.csv")), "runs:/ gives the same model");
        assertEquals(0, genlab("sample", localRunId, "--rows", "100", "--out", dir.resolve("local.csv").toString(), "--runs", runs.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(s), Files.readAllBytes(dir.resolve("local.csv")), "the downloaded model is the local one");
        assertEquals(0, genlab("sample", localRunId, "--rows", "100", "--seed", "7", "--out", dir.resolve("seed7.csv").toString(),
                "--runs", runs.toString()).exitCode());
        assertFalse(Files.readString(s).equals(Files.readString(dir.resolve("seed7.csv"))), "another seed, another sample");

        // trace: the sample names the model's run, from the fresh shell's own store
        Child trace = child(fresh, server, "trace", "s.csv");
        assertEquals(0, trace.exit(), trace.output());
        for (String expected : List.of("genlab sample models:/" + registered + "/1 --rows 100 --seed 42", "model run    " + localRunId,
                "experiment   " + file.toAbsolutePath().normalize(), "seed         5", "model        copula ", "dataset      csv sha256 ",
                "plugins      dataset.csv ")) {
            assertTrue(trace.output().contains(expected), expected + " in\n" + trace.output());
        }
        // a run's synthetic.csv, from a store that never saw the run: found through the MLflow tag
        TestCli.Result remoteTrace = genlab("trace", synthetic.toString(), "--runs", dir.resolve("empty").toString(), "--tracking-uri",
                server.uri().toString());
        assertEquals(0, remoteTrace.exitCode(), remoteTrace.out() + remoteTrace.err());
        assertTrue(remoteTrace.out().contains("made by      run " + localRunId), remoteTrace.out());
        assertTrue(remoteTrace.out().contains("MLflow run " + server.uri() + "/#/experiments/"), remoteTrace.out());
        assertTrue(remoteTrace.out().contains("seed         5"), remoteTrace.out());
        // and from the run's own store
        TestCli.Result localTrace = genlab("trace", synthetic.toString(), "--runs", runs.toString());
        assertEquals(0, localTrace.exitCode(), localTrace.out());
        assertTrue(localTrace.out().contains("made by      run " + localRunId), localTrace.out());
        // one byte changed: unknown, locally and in MLflow
        Path changed = dir.resolve("changed.csv");
        byte[] bytes = Files.readAllBytes(synthetic);
        bytes[bytes.length - 2] ^= 1;
        Files.write(changed, bytes);
        TestCli.Result unknown = genlab("trace", changed.toString(), "--runs", runs.toString(), "--tracking-uri", server.uri().toString());
        assertEquals(1, unknown.exitCode(), unknown.out() + unknown.err());
        assertTrue(unknown.out().contains("unknown: no run wrote a file with these exact bytes"), unknown.out());
    }

    @Test
    void aRunTheServerMissedGetsItsModelVersionOnSyncOnce(MlflowServer server) throws Exception {
        String experiment = "models-sync-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000;
        String registered = "reg-" + experiment;
        int dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        Path file = experiment(dir, experiment, "\"http://127.0.0.1:" + dead + "\"", registered);
        Path runs = dir.resolve("runs");
        TestCli.Result run = genlab("run", file.toString(), "--runs", runs.toString(), "-q");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        for (int i = 0; i < 2; i++) {
            TestCli.Result sync = genlab("sync", "--to", server.uri().toString(), "--runs", runs.toString());
            assertEquals(0, sync.exitCode(), sync.out() + sync.err());
            assertTrue(sync.out().contains(i == 0 ? "model version " + registered + "/1" : "up to date"), sync.out());
        }
        MlflowHttp http = new MlflowHttp(server.uri(), new MlflowHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(20), 2, Duration.ofMillis(100)));
        JsonNode remote = onlyRemoteRun(http, experiment);
        assertTrue(tags(remote).containsKey("mlflow.log-model.history"), remote.toString());
        JsonNode versions = http.get("model-versions/search", Map.of("filter", "name = '" + registered + "'")).path("model_versions");
        assertEquals(1, versions.size(), versions.toString());
        assertEquals(remote.path("info").path("run_id").asText(), versions.get(0).path("run_id").asText());
    }

    @Test
    void sampleAndTraceMistakesAreUserErrorsThatWriteNothing() throws Exception {
        Path file = experiment(dir, "sample-errors", null, null);
        Path runs = dir.resolve("runs");
        assertEquals(0, genlab("run", file.toString(), "--runs", runs.toString(), "-q").exitCode());
        String runId = onlyRun(runs).getFileName().toString();
        Path out = dir.resolve("out.csv");
        List<String[]> cases = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        cases.add(new String[] {"sample", runId, "--rows", "10", "--out", out.toString(), "--runs", runs.toString(), "--where", "colr=red"});
        messages.add("--where colr=red: no column 'colr' (columns: age, hours, colour)");
        cases.add(new String[] {"sample", runId, "--rows", "10", "--out", out.toString(), "--runs", runs.toString(), "--where", "colour=pink"});
        messages.add("--where colour=pink: 'pink' is not a value of column 'colour' (values: ");
        cases.add(new String[] {"sample", runId, "--rows", "10", "--out", dir.resolve("out.png").toString(), "--runs", runs.toString()});
        messages.add("a tabular model writes .csv files; name one ending in .csv");
        cases.add(new String[] {"sample", runId, "--rows", "0", "--out", out.toString(), "--runs", runs.toString()});
        messages.add("--rows 0: must be at least 1");
        cases.add(new String[] {"sample", "models:/x/1", "--rows", "10", "--out", out.toString(), "--runs", runs.toString()});
        messages.add("models:/x/1: an MLflow model needs a tracking server: give --tracking-uri URI or set MLFLOW_TRACKING_URI");
        cases.add(new String[] {"sample", "no-such-run", "--rows", "10", "--out", out.toString(), "--runs", runs.toString()});
        messages.add("MODEL 'no-such-run' is neither a run in ");
        // a model whose plugin (or version) is not installed here
        Path model = onlyRun(runs).resolve("artifacts/model");
        Path other = copy(model, dir.resolve("other-plugin"));
        rewriteCard(other, "\"plugin_type\" : \"copula\"", "\"plugin_type\" : \"copula-9\"");
        cases.add(new String[] {"sample", other.toString(), "--rows", "10", "--out", out.toString(), "--runs", runs.toString()});
        messages.add("needs model plugin 'copula-9' version ");
        Path older = copy(model, dir.resolve("other-version"));
        rewriteCard(older, "\"plugin_version\" : \"", "\"plugin_version\" : \"0.0.1-old");
        cases.add(new String[] {"sample", older.toString(), "--rows", "10", "--out", out.toString(), "--runs", runs.toString()});
        messages.add("was saved by model plugin 'copula' version 0.0.1-old");
        int runsBefore = count(runs);
        for (int i = 0; i < cases.size(); i++) {
            TestCli.Result r = genlab(cases.get(i));
            assertEquals(2, r.exitCode(), String.join(" ", cases.get(i)) + "\n" + r.out() + r.err());
            assertTrue(r.err().contains(messages.get(i)), messages.get(i) + " in\n" + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertFalse(Files.exists(out) || Files.exists(dir.resolve("out.png")), "nothing written");
            assertEquals(runsBefore, count(runs), "no sample recorded");
        }
        TestCli.Result missing = genlab("trace", dir.resolve("nope.csv").toString(), "--runs", runs.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nope.csv: no such file"), missing.err());
        // conditions the model can sample on work, and a sample is recorded once it is written
        TestCli.Result ok = genlab("sample", runId, "--rows", "20", "--out", out.toString(), "--runs", runs.toString(), "--where", "colour=red");
        assertEquals(0, ok.exitCode(), ok.out() + ok.err());
        assertTrue(Files.readAllLines(out).stream().skip(1).allMatch(l -> l.endsWith(",red")), Files.readString(out));
        assertEquals(runsBefore + 1, count(runs));
    }

    /** A small CSV and a copula experiment on it; {@code uri} is a HOCON value (null: no MLflow). */
    static Path experiment(Path dir, String name, String uri, String register) throws IOException {
        Random r = new Random(11);
        StringBuilder b = new StringBuilder("age,hours,colour\n");
        for (int i = 0; i < 300; i++) {
            b.append(20 + r.nextInt(50)).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", 30 + 8 * r.nextGaussian())).append(',')
                    .append(List.of("red", "green", "blue").get(r.nextInt(3))).append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), b.toString());
        return Files.writeString(dir.resolve(name + ".conf"), "name = " + name + "\nseed = 5\n"
                + "dataset { type = csv, path = data.csv }\n"
                + "model { type = copula }\n"
                + "sample { rows = 150 }\n"
                + "metrics = [fidelity]\n"
                + (uri == null ? "" : "tracking.mlflow { uri = " + uri + (register == null ? "" : ", register = " + register) + " }\n"));
    }

    private record Child(int exit, String output) {
    }

    /** genlab in a new JVM in {@code cwd}, with MLFLOW_TRACKING_URI and nothing else of genlab's environment. */
    private static Child child(Path cwd, MlflowServer server, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.java(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(cwd.getParent(), "child", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        List.of("GENLAB_RUNS", "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD", "GENLAB_PLUGINS").forEach(pb.environment()::remove);
        pb.environment().put("MLFLOW_TRACKING_URI", server.uri().toString());
        Process p = pb.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "genlab " + String.join(" ", args) + " did not end");
        return new Child(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static JsonNode onlyRemoteRun(MlflowHttp http, String experiment) {
        String id = http.get("experiments/get-by-name", Map.of("experiment_name", experiment)).path("experiment").path("experiment_id").asText();
        JsonNode found = http.post("runs/search", Map.of("experiment_ids", List.of(id), "run_view_type", "ALL")).path("runs");
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static Map<String, String> tags(JsonNode run) {
        Map<String, String> out = new java.util.HashMap<>();
        run.path("data").path("tags").forEach(t -> out.put(t.path("key").asText(), t.path("value").asText()));
        return out;
    }

    private static boolean contains(JsonNode outputs, String path, String sha) {
        for (JsonNode o : outputs) {
            if (o.path("path").asText().equals(path) && o.path("sha256").asText().equals(sha)) {
                return true;
            }
        }
        return false;
    }

    static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> all = s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static int count(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            return (int) s.filter(Files::isDirectory).count();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static void rewriteCard(Path model, String from, String to) throws IOException {
        Path card = model.resolve("genlab-model.json");
        String text = Files.readString(card);
        assertTrue(text.contains(from), text);
        Files.writeString(card, text.replace(from, to));
    }
}
