package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The genlab command as a user runs it, with the bundled plugins. */
class TestCli {
    static final Path EXPERIMENTS = Path.of("../../experiments").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    static synchronized Result genlab(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void runsTheShowcaseExperiment() throws IOException {
        Path runs = dir.resolve("runs");
        Result r = genlab("run", EXPERIMENTS.resolve("adult-copula.conf").toString(), "--runs", runs.toString(), "--set", "sample.rows=2000");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains(": FINISHED"), r.out());
        assertTrue(r.out().contains("fidelity.overall"), r.out());
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size());
            Path run = dirs.get(0);
            assertEquals(2001, Files.readAllLines(run.resolve("artifacts/synthetic.csv")).size());
            assertTrue(Files.readString(run.resolve("provenance.json")).contains("\"sha256\""));
        }
        Result list = genlab("runs", "--runs", runs.toString());
        assertEquals(0, list.exitCode());
        assertTrue(list.out().contains("FINISHED") && list.out().contains("adult-copula") && list.out().contains("fidelity 0."), list.out());
    }

    @Test
    void validateReportsEveryTypoWithItsLine() throws IOException {
        Path f = write("typos.conf", """
                dataset { type = adult, target = income }
                model { type = copulla }
                sample { rowz = 10 }
                metrics = [fidelty]
                """);
        Result r = genlab("validate", f.toString());
        assertEquals(2, r.exitCode());
        String prefix = f.toString();
        assertEquals("error: 3 errors in the experiment:\n"
                + prefix + ":2: model.type: unknown model type 'copulla'; did you mean 'copula'? (model types: " + TestCliNames.MODELS + ")\n"
                + prefix + ":3: sample.rowz: unknown key for an experiment; did you mean 'rows'? (valid keys: rows, conditions)\n"
                + prefix + ":4: metrics[0].type: unknown metric type 'fidelty'; did you mean 'fidelity'? (metric types: " + TestCliNames.METRICS + ")\n",
                sortLines(r.err()));
        assertEquals("", r.out());
    }

    @Test
    void userErrorsExitWithTwoAndWriteNothing() throws IOException {
        Path runs = dir.resolve("runs");
        Result missing = genlab("run", dir.resolve("nope.conf").toString(), "--runs", runs.toString());
        assertEquals(2, missing.exitCode());
        assertEquals("error: experiment file not found: " + dir.resolve("nope.conf") + "\n", missing.err().replaceAll("(?m)^» .*\n", ""));

        write("ragged.csv", "a,b\n1,x\n2\n");
        Path ragged = write("ragged.conf", "dataset { type = csv, path = ragged.csv }\nmodel { type = copula }\n");
        Result r = genlab("run", ragged.toString(), "--runs", runs.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("ragged.csv:3"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());

        Path rows = write("rows.conf", "dataset { type = adult }\nmodel { type = copula }\nsample { rows = 0 }\n");
        Result z = genlab("run", rows.toString(), "--runs", runs.toString());
        assertEquals(2, z.exitCode());
        assertTrue(z.err().contains(rows + ":3: sample.rows: must be at least 1, got 0"), z.err());
        assertFalse(Files.exists(runs), "no run was started");
    }

    @Test
    void runsOnAColumnHoldingBothSignedZeros() throws IOException {
        StringBuilder csv = new StringBuilder("x,y,c\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 3 == 0 ? "-0.0" : i % 3 == 1 ? "0.0" : String.valueOf(i)).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        write("zeros.csv", csv.toString());
        Path f = write("zeros.conf", "dataset { type = csv, path = zeros.csv }\nmodel { type = copula }\n");
        Path runs = dir.resolve("runs");
        Result r = genlab("run", f.toString(), "--runs", runs.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains(": FINISHED"), r.out());
    }

    @Test
    void listsPluginsWithTheirSettings() throws IOException {
        Result r = genlab("plugins", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode all = new ObjectMapper().readTree(r.out());
        List<String> names = new ArrayList<>();
        all.forEach(p -> names.add(p.get("kind").asText() + ":" + p.get("name").asText()));
        assertTrue(names.containsAll(List.of("model:copula", "dataset:adult", "dataset:csv", "metric:fidelity")), names.toString());
        for (JsonNode p : all) {
            for (JsonNode s : p.get("settings")) {
                // required and optional keys too: reference.conf documents them as `key = null`
                assertFalse(s.get("description").asText().isBlank(), p.get("name") + "." + s.get("key") + " has no description");
            }
        }
        JsonNode csvPath = null;
        for (JsonNode p : all) {
            if (p.get("name").asText().equals("csv")) {
                for (JsonNode s : p.get("settings")) {
                    if (s.get("key").asText().equals("path")) {
                        csvPath = s;
                    }
                }
            }
        }
        assertEquals("(required)", csvPath.get("default").asText());
        assertTrue(csvPath.get("description").asText().startsWith("Path of the CSV file"), csvPath.toString());
        Result text = genlab("plugins", "copula");
        assertEquals(0, text.exitCode());
        assertTrue(text.out().startsWith("model copula  [tabular]"), text.out());
        Result unknown = genlab("plugins", "copulla");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no plugin named 'copulla'; did you mean 'copula'?"), unknown.err());
    }

    private static String sortLines(String s) {
        String[] lines = s.split("\n");
        List<String> tail = new ArrayList<>(List.of(lines).subList(1, lines.length));
        tail.sort(java.util.Comparator.comparingInt(l -> Integer.parseInt(l.split(":")[1])));
        return lines[0] + "\n" + String.join("\n", tail) + "\n";
    }
}
