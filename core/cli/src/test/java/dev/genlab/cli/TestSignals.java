package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM against a real {@code genlab run} process, to its pid and to its process group, in a phase
 * where the work is long: the run must end KILLED with its end time, the exit code 130 or 143, and the JVM must not
 * crash (no {@code hs_err_pid*.log}). The process is started through python3, which puts it in a session of its
 * own and resets SIGINT to its default: a job started in the background of a script inherits SIGINT ignored, and
 * the JVM keeps that.
 */
class TestSignals {
    private static final String LAUNCHER = "import os, signal, sys\n"
            + "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
            + "signal.signal(signal.SIGTERM, signal.SIG_DFL)\n"
            + "os.setsid()\n"
            + "os.execvp(sys.argv[1], sys.argv[1:])\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} to the {1} while {2}")
    @CsvSource({
        "INT, pid, training",
        "INT, group, training",
        "TERM, pid, training",
        "TERM, group, training",
        "INT, pid, evaluating",
        "TERM, group, evaluating"})
    void aSignalEndsTheRunKilledWithoutACrash(String signal, String target, String phase) throws Exception {
        Path experiment = Files.writeString(dir.resolve("exp.conf"), phase.equals("training")
                ? "dataset { type = toy-8gaussians, rows = 4000 }\nmodel { type = gan, epochs = 100000, batch-size = 64 }\nmetrics = [fidelity]\n"
                : "dataset { type = adult, target = income, sensitive = [sex] }\nmodel { type = copula }\n"
                        + "metrics = [fidelity, detection, utility, privacy, diversity, fairness]\n");
        Path runs = dir.resolve("runs");
        Path log = dir.resolve("out.log");
        List<String> command = new ArrayList<>(List.of("python3", "-c", LAUNCHER, java(), "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", experiment.toString(), "--runs", runs.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        String marker = phase.equals("training") ? "train gan" : "evaluating";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(marker)) {
            assertTrue(p.isAlive(), "the run ended before '" + marker + "': " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "no '" + marker + "' within 2 minutes: " + Files.readString(log));
            Thread.sleep(100);
        }
        Thread.sleep(phase.equals("training") ? 2000 : 500);
        String pid = Long.toString(p.pid());
        Process kill = new ProcessBuilder("kill", "-s", signal, "--", target.equals("group") ? "-" + pid : pid).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not stop within 60 s of the signal: " + Files.readString(log));
        String out = Files.readString(log);
        assertEquals(signal.equals("INT") ? 130 : 143, p.exitValue(), out);
        JsonNode run = new ObjectMapper().readTree(onlyRun(runs).resolve("run.json").toFile());
        assertEquals("KILLED", run.get("status").asText(), out);
        assertTrue(run.hasNonNull("end"), "an end time: " + run);
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err")), "the JVM crashed: " + out);
        }
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> all = s.filter(Files::isDirectory).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
