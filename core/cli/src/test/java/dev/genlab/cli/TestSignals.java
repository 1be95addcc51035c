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
 * Ctrl-C and SIGTERM against a real {@code genlab run} process, to its pid and to its process group, in every phase
 * — loading, training, sampling, evaluation, report, MLflow upload (to a real hung server) — each made long enough
 * to be signalled in: the run must end KILLED with its end time (before loading ends there is no run, and nothing
 * may be written), the exit code 130 or 143, and the JVM must not crash (no {@code hs_err_pid*.log}). The process is started through python3, which puts it in a session of its
 * own and resets SIGINT to its default ({@link ChildJvm#DEFAULT_SIGNALS}).
 */
class TestSignals {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} to the {1} while {2}")
    @CsvSource({
        "INT, pid, loading",
        "TERM, group, loading",
        "INT, pid, training",
        "INT, group, training",
        "TERM, pid, training",
        "TERM, group, training",
        "INT, group, sampling",
        "TERM, pid, sampling",
        "INT, pid, evaluating",
        "TERM, group, evaluating",
        "INT, pid, reporting",
        "TERM, group, reporting",
        "INT, pid, uploading",
        "TERM, group, uploading"})
    void aSignalEndsTheRunKilledWithoutACrash(String signal, String target, String phase) throws Exception {
        Path runs = dir.resolve("runs");
        Path log = dir.resolve("out.log");
        try (HungServer hung = phase.equals("uploading") ? new HungServer() : null) {
            Path experiment = Files.writeString(dir.resolve("exp.conf"), experiment(phase, hung));
            List<String> command = new ArrayList<>(List.of("python3", "-c", ChildJvm.DEFAULT_SIGNALS, ChildJvm.java(), "-Dai.djl.offline=true", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "run", experiment.toString(), "--runs", runs.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DJL_OFFLINE", "true");
            pb.environment().put("OPT_OUT_TRACKING", "true");
            pb.environment().remove("MLFLOW_TRACKING_URI");
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // the phase is under way: its line is printed (the upload: the server holds a request and answers nothing)
            String marker = MARKERS.get(phase);
            while (hung != null ? !hung.holdsARequest() : !Files.readString(log, StandardCharsets.UTF_8).contains(marker)) {
                assertTrue(p.isAlive(), "the run ended before it was " + phase + ": " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "not " + phase + " within 2 minutes: " + Files.readString(log));
                Thread.sleep(20);
            }
            Thread.sleep(DELAYS.get(phase));
            assertTrue(p.isAlive(), "the run ended before the signal could be sent " + phase + ": " + Files.readString(log));
            String pid = Long.toString(p.pid());
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", target.equals("group") ? "-" + pid : pid).inheritIO().start();
            assertEquals(0, kill.waitFor());
            long signalled = System.nanoTime();
            // a hung server is given up at once, not after its 30 s request timeout; other phases end their step first
            long limit = phase.equals("uploading") ? 15 : 60;
            assertTrue(p.waitFor(limit, TimeUnit.SECONDS), "the run did not stop within " + limit + " s of the signal: " + Files.readString(log));
            String out = Files.readString(log);
            assertEquals(signal.equals("INT") ? 130 : 143, p.exitValue(), out);
            if (phase.equals("loading")) {
                // no run exists before the data are loaded: nothing may be left behind, least of all a RUNNING run
                assertTrue(out.contains("cancelled before the run started: nothing was written"), out);
                assertFalse(Files.exists(runs) && hasRuns(runs), "a run was written: " + out);
            } else {
                Path run = onlyRun(runs);
                JsonNode json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
                assertEquals("KILLED", json.get("status").asText(), out);
                assertTrue(json.hasNonNull("end"), "an end time: " + json);
                assertFalse(Files.exists(run.resolve("artifacts/report/report.html")), "a KILLED run has no report saying it finished");
            }
            if (phase.equals("uploading")) {
                assertTrue(out.contains("stopped on cancel"), "the upload was given up: " + out);
                assertTrue((System.nanoTime() - signalled) < TimeUnit.SECONDS.toNanos(15), out);
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err")), "the JVM crashed: " + out);
            }
        }
    }

    private static final java.util.Map<String, String> MARKERS = java.util.Map.of("loading", "loading dataset", "training", "train gan",
            "sampling", "sampling", "evaluating", "evaluating", "reporting", "writing the report", "uploading", "");
    /** How long after its line the signal comes: well inside the phase, which lasts seconds. */
    private static final java.util.Map<String, Long> DELAYS = java.util.Map.of("loading", 300L, "training", 2000L, "sampling", 300L,
            "evaluating", 500L, "reporting", 0L, "uploading", 500L);

    /** An experiment whose {@code phase} lasts long enough to be signalled in. */
    private String experiment(String phase, HungServer hung) throws IOException {
        return switch (phase) {
            case "loading" -> {
                // 1.5 million rows: parsing takes seconds
                Path csv = dir.resolve("big.csv");
                try (java.io.BufferedWriter w = Files.newBufferedWriter(csv)) {
                    w.write("x,y,c\n");
                    java.util.Random r = new java.util.Random(7);
                    for (int i = 0; i < 1_500_000; i++) {
                        w.write(r.nextGaussian() + "," + r.nextInt(1000) + "," + (char) ('a' + r.nextInt(5)) + "\n");
                    }
                }
                yield "dataset { type = csv, path = big.csv }\nmodel { type = copula }\nmetrics = [fidelity]\n";
            }
            case "training" -> "dataset { type = toy-8gaussians, rows = 4000 }\nmodel { type = gan, epochs = 100000, batch-size = 64 }\nmetrics = [fidelity]\n";
            // 3 million synthetic rows: sampling them and writing synthetic.csv take seconds
            case "sampling" -> "dataset { type = adult }\nmodel { type = copula }\nsample { rows = 3000000 }\nmetrics = [fidelity]\n";
            // the report of a wide sample with every metric: per-column charts for 2 million rows
            case "reporting" -> "dataset { type = adult, target = income, sensitive = [sex] }\nmodel { type = copula }\nsample { rows = 2000000 }\n"
                    + "metrics = [fidelity]\n";
            case "uploading" -> "dataset { type = adult }\nmodel { type = copula }\nmetrics = [fidelity]\n"
                    + "tracking.mlflow.uri = \"http://127.0.0.1:" + hung.port() + "\"\n";
            default -> "dataset { type = adult, target = income, sensitive = [sex] }\nmodel { type = copula }\n"
                    + "metrics = [fidelity, detection, utility, privacy, diversity, fairness]\n";
        };
    }

    /** A real hung server on loopback: it accepts connections, reads what comes, and never answers. */
    private static final class HungServer implements AutoCloseable {
        private final java.net.ServerSocket socket;
        private final List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread acceptor;

        HungServer() throws IOException {
            socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hung-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        boolean holdsARequest() {
            return !held.isEmpty();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }

    private static boolean hasRuns(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            return s.anyMatch(Files::isDirectory);
        }
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> all = s.filter(Files::isDirectory).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

}
