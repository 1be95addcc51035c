package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.tracking.mlflow.MlflowHttp;
import dev.genlab.runtime.tracking.mlflow.MlflowServer;
import dev.genlab.runtime.tracking.mlflow.MlflowServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redaction by construction, end to end: a real {@code genlab run} process, with secrets in its environment, in its
 * experiment file and in its tracking URI, mirrored to a real MLflow server. No secret may reach anything the run
 * writes — any file under the run directory, the console, or MLflow (params, tags, description, dataset input,
 * experiment, every artifact, the server's own store and log) — and the redacted forms must be where the secrets
 * were, so the test cannot pass because nothing was written. The pieces are unit-tested in
 * {@code TestEffectiveConfigRedaction}.
 */
@ExtendWith(MlflowServerExtension.class)
class TestRedactionEndToEnd {
    private static final String REDACTED = "***";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path dir;

    @Test
    void noSecretReachesTheRunDirectoryTheConsoleOrMlflow(MlflowServer server) throws Exception {
        SecureRandom random = new SecureRandom();
        // letters only: a secret must not turn up by chance in numbers, and needs no escaping in HOCON or a URI
        String token = letters(random, 28);
        String shortPassword = letters(random, 7);
        String apiKey = letters(random, 28);
        String uriPassword = letters(random, 28);
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("MY_TOKEN (environment)", token);
        secrets.put("DB_PASSWORD (environment, shorter than what is searched for unless substituted)", shortPassword);
        secrets.put("vars.api-key (in the file)", apiKey);
        secrets.put("the tracking URI's password", uriPassword);
        secrets.put("the tracking URI's user-info", "someuser:" + uriPassword);
        secrets.put("the Basic credentials made of it", Base64.getEncoder().encodeToString(("someuser:" + uriPassword).getBytes(StandardCharsets.UTF_8)));

        String experiment = "redaction-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000;
        writeCsv(dir.resolve("data.csv"));
        String trackingUri = "http://someuser:" + uriPassword + "@127.0.0.1:" + server.port();
        Path file = Files.writeString(dir.resolve("exp.conf"), "name = " + experiment + "\n"
                + "seed = 3\n"
                + "vars {\n"
                + "  api-key = \"" + apiKey + "\"\n"
                + "  endpoint = \"https://data.example.org/v1?key=\"${vars.api-key}\n"
                + "  note = \"calls go to https://data.example.org/v1?token=\"${?MY_TOKEN}\"&tries=3\"\n"
                + "  vault = \"the vault opens with \"${?DB_PASSWORD}\" on weekdays\"\n"
                + "}\n"
                + "dataset {\n"
                + "  type = csv\n"
                + "  path = data.csv\n"
                + "  missing = [\"\", \"?\", ${?MY_TOKEN}]\n"
                + "}\n"
                + "model { type = copula }\n"
                + "sample { rows = 150 }\n"
                + "metrics = [fidelity]\n"
                + "tracking.mlflow.uri = \"" + trackingUri + "\"\n");

        Path runs = dir.resolve("runs");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        // --verbose: debug logging is something a run writes too, and what a user pastes into an issue
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.java(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", file.toString(), "--runs", runs.toString(), "--verbose")
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.put("MY_TOKEN", token);
        env.put("DB_PASSWORD", shortPassword);
        env.put("DJL_OFFLINE", "true");
        env.put("OPT_OUT_TRACKING", "true");
        // the URI's user-info is the credentials only when the environment gives none
        List.of("MLFLOW_TRACKING_URI", "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD", "GENLAB_RUNS").forEach(env::remove);
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run did not end");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stdout + stderr);

        // what was written: the run directory, every file; the console
        Path run = onlyRun(runs);
        Map<String, String> written = new TreeMap<>();
        try (Stream<Path> files = Files.walk(run)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                written.put("local " + runs.relativize(f), latin1(Files.readAllBytes(f)));
            }
        }
        String local = "local " + run.getFileName() + "/";
        assertTrue(written.keySet().containsAll(Stream.of("params.json", "config.conf", "run.json", "mlflow.json", "artifacts/report/report.html")
                .map(local::concat).toList()), written.keySet().toString());
        written.put("stdout", stdout);
        written.put("stderr", stderr);

        // what MLflow holds, read back over REST (no credentials needed: the server ignores them)
        MlflowHttp http = new MlflowHttp(server.uri(), new MlflowHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(20), 2, Duration.ofMillis(100)));
        JsonNode exp = http.get("experiments/get-by-name", Map.of("experiment_name", experiment)).path("experiment");
        written.put("mlflow experiment", exp.toString());
        JsonNode found = http.post("runs/search", Map.of("experiment_ids", List.of(exp.path("experiment_id").asText()), "run_view_type", "ALL")).path("runs");
        assertEquals(1, found.size(), found.toString());
        String runId = found.get(0).path("info").path("run_id").asText();
        JsonNode remote = http.get("runs/get", Map.of("run_id", runId)).path("run");
        written.put("mlflow run (info, params, metrics, tags, inputs)", remote.toString());
        assertEquals("FINISHED", remote.path("info").path("status").asText(), "the run reached MLflow and ended there");
        assertTrue(remote.path("data").path("params").size() > 20, "the params reached MLflow: " + remote);
        Map<String, String> tags = pairs(remote.path("data").path("tags"));
        assertTrue(tags.getOrDefault("mlflow.note.content", "").contains("Status: FINISHED"), "the description is there: " + tags);
        String root = remote.path("info").path("artifact_uri").asText().substring("mlflow-artifacts:/".length());
        List<String> artifacts = artifacts(http, runId, "");
        assertTrue(artifacts.containsAll(List.of("config.conf", "synthetic.csv", "report/report.html")), artifacts.toString());
        for (String artifact : artifacts) {
            written.put("mlflow artifact " + artifact, latin1(http.download(root + "/" + artifact)));
        }
        // and whatever the server kept, whichever way it got there: its database, artifact store and log
        Path store = server.log().getParent();
        try (Stream<Path> files = Files.walk(store)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                written.put("mlflow store " + store.relativize(f), latin1(Files.readAllBytes(f)));
            }
        }

        List<String> leaks = new ArrayList<>();
        written.forEach((where, text) -> secrets.forEach((what, secret) -> {
            if (text.contains(secret)) {
                leaks.add(what + " in " + where + ": ..." + around(text, secret) + "...");
            }
        }));
        assertEquals(List.of(), leaks, "secrets leaked");

        // and the redacted forms are where the secrets were
        Map<String, String> params = json(new ObjectMapper().readTree(run.resolve("params.json").toFile()));
        assertRedactedParams(params, server.port());
        assertEquals(params, pairs(remote.path("data").path("params")), "MLflow has the local params");
        Config conf = ConfigFactory.parseFile(run.resolve("config.conf").toFile());
        assertEquals(REDACTED, conf.getString("vars.api-key"));
        assertEquals(List.of("", "?", REDACTED), conf.getStringList("dataset.missing"));
        assertEquals("http://***@127.0.0.1:" + server.port(), conf.getString("tracking.mlflow.uri"));
        JsonNode mlflowState = new ObjectMapper().readTree(run.resolve("mlflow.json").toFile());
        assertTrue(mlflowState.path("servers").has(server.uri().toString()), "mlflow.json names the server without user-info: " + mlflowState);
    }

    /** The params, local or in MLflow, show {@value #REDACTED} where each secret was. */
    private static void assertRedactedParams(Map<String, String> params, int port) {
        assertEquals(REDACTED, params.get("vars.api-key"), "a secret-named key");
        assertEquals("https://data.example.org/v1?key=***", params.get("vars.endpoint"), "a secret-named key's value substituted elsewhere");
        assertEquals("calls go to https://data.example.org/v1?token=***&tries=3", params.get("vars.note"), "MY_TOKEN inside a longer string");
        assertEquals("the vault opens with *** on weekdays", params.get("vars.vault"), "a short DB_PASSWORD, substituted");
        assertEquals("[\"\",\"?\",\"***\"]", params.get("dataset.missing"), "MY_TOKEN as a list element");
        assertEquals("http://***@127.0.0.1:" + port, params.get("tracking.mlflow.uri"), "the tracking URI's user-info");
    }

    /** Every artifact path of the run under {@code path}, as the server lists them. */
    private static List<String> artifacts(MlflowHttp http, String runId, String path) {
        List<String> out = new ArrayList<>();
        Map<String, String> query = path.isEmpty() ? Map.of("run_id", runId) : Map.of("run_id", runId, "path", path);
        for (JsonNode f : http.get("artifacts/list", query).path("files")) {
            String p = f.path("path").asText();
            if (f.path("is_dir").asBoolean()) {
                out.addAll(artifacts(http, runId, p));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static Map<String, String> json(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Map<String, String> pairs(JsonNode list) {
        Map<String, String> out = new TreeMap<>();
        list.forEach(n -> out.put(n.path("key").asText(), n.path("value").asText()));
        return out;
    }

    /** Bytes as text one char per byte, so a secret is found in any file, binary or not, as its UTF-8 bytes. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String around(String text, String secret) {
        int i = text.indexOf(secret);
        return text.substring(Math.max(0, i - 60), Math.min(text.length(), i + secret.length() + 20)).replace('\n', ' ');
    }

    private static String letters(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return b.toString();
    }

    /** A small table with numeric, integer and categorical columns and a few missing cells. */
    private static void writeCsv(Path csv) throws IOException {
        Random r = new Random(11);
        StringBuilder b = new StringBuilder("age,hours,colour\n");
        for (int i = 0; i < 300; i++) {
            b.append(20 + r.nextInt(50)).append(',')
                    .append(i % 37 == 0 ? "?" : String.format(java.util.Locale.ROOT, "%.2f", 30 + 8 * r.nextGaussian())).append(',')
                    .append(List.of("red", "green", "blue").get(r.nextInt(3))).append('\n');
        }
        Files.writeString(csv, b.toString());
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> all = s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

}
