package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run whose store fills up, on a real full disk: a small tmpfs mounted in a mount namespace of the test's own
 * ({@code unshare}, from util-linux). The run must end FAILED with a one-line message naming the file and the
 * cause, exit 1, and leave no partial file that looks complete (no truncated synthetic.csv, no empty error.txt).
 */
class TestDiskFull {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "a {0} store")
    @ValueSource(strings = {"600k", "1200k", "2m"})
    void aFullDiskFailsTheRunCleanly(String size) throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Path log = dir.resolve("log.txt");
        String script = "mount -t tmpfs -o size=" + size + " tmpfs \"$MNT\" || exit 99\n"
                + "\"$@\"; rc=$?\n"
                + "cp -a \"$MNT/runs\" \"$OUT/\" 2>/dev/null\n"
                + "exit $rc\n";
        List<String> command = new java.util.ArrayList<>(List.of("unshare", "-rm", "sh", "-c", script, "sh",
                ChildJvm.java(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                TestCli.EXPERIMENTS.resolve("adult-copula.conf").toString(), "--runs", mnt.resolve("runs").toString(), "--quiet"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MNT", mnt.toString());
        pb.environment().put("OUT", out.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run did not end");
        String text = Files.readString(log);
        assertFalse(p.exitValue() == 99, "cannot mount a tmpfs here (unshare -rm and mount are needed): " + text);
        assertEquals(1, p.exitValue(), text);
        assertTrue(text.contains("No space left on device"), text);
        assertFalse(text.contains("\tat ") || text.contains("Exception"), "one line, no stack trace: " + text);
        Path runs = out.resolve("runs");
        List<Path> dirs;
        try (Stream<Path> s = Files.exists(runs) ? Files.list(runs) : Stream.empty()) {
            dirs = s.filter(Files::isDirectory).toList();
        }
        if (dirs.isEmpty()) {
            assertTrue(text.contains("cannot start a run"), "no run directory: it could not even start; " + text);
            return;
        }
        assertEquals(1, dirs.size());
        Path run = dirs.get(0);
        JsonNode json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertEquals("FAILED", json.get("status").asText(), json.toString());
        assertTrue(json.hasNonNull("end"), json.toString());
        assertTrue(json.get("error").asText().contains("No space left on device"), json.toString());
        Path error = run.resolve("artifacts/error.txt");
        assertTrue(Files.exists(error) && Files.size(error) > 0, "error.txt is written, not empty");
        Path csv = run.resolve("artifacts/synthetic.csv");
        if (Files.exists(csv)) {
            long rows = new ObjectMapper().readTree(run.resolve("params.json").toFile()).get("sample.rows").asLong();
            try (Stream<String> lines = Files.lines(csv)) {
                assertEquals(rows + 1, lines.count(), "a synthetic.csv that exists is complete (a header and sample.rows rows)");
            }
        }
        try (Stream<Path> files = Files.walk(run)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp") || f.getFileName().toString().equals("model.partial")),
                    "no half-written file is left");
        }
    }

}
