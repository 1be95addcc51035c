package dev.genlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the tests that start genlab as a real child process share. */
final class ChildJvm {
    /**
     * Runs its arguments as a command with SIGINT and SIGTERM at their defaults, in a session of its own. A job started
     * in the background of a script inherits SIGINT ignored, and the JVM keeps that: a test that sends a real Ctrl-C
     * starts genlab through this.
     */
    static final String DEFAULT_SIGNALS = "import os, signal, sys\n"
            + "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
            + "signal.signal(signal.SIGTERM, signal.SIG_DFL)\n"
            + "os.setsid()\n"
            + "os.execvp(sys.argv[1], sys.argv[1:])\n";

    private ChildJvm() {
    }

    /** The java command running these tests (so the child gets the same JVM). */
    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The genlab command in a JVM of its own, on this test's class path, in {@code workDir}; its stdout and stderr
     * kept apart. Fails the test if it takes more than two minutes.
     */
    static TestCli.Result genlab(Path workDir, String... args) throws IOException, InterruptedException {
        return genlab(workDir, Map.of(), Duration.ofMinutes(2), args);
    }

    /**
     * As {@link #genlab(Path, String...)}, with {@code env} added to its environment (an empty value removes a
     * variable), failing the test if it takes longer than {@code timeout}.
     */
    static TestCli.Result genlab(Path workDir, Map<String, String> env, Duration timeout, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "genlab-out", ".txt");
        Path err = Files.createTempFile(workDir, "genlab-err", ".txt");
        ProcessBuilder pb = builder(workDir, env, command(args)).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("genlab " + String.join(" ", args) + " did not end within " + timeout.toSeconds() + " s: "
                    + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        TestCli.Result r = new TestCli.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /**
     * Starts genlab in a JVM of its own with SIGINT and SIGTERM at their defaults ({@link #DEFAULT_SIGNALS}), its
     * stdout and stderr together in {@code log}; the process is genlab's JVM itself (python execs it), so its pid is
     * the one to signal.
     */
    static Process start(Path workDir, Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", DEFAULT_SIGNALS));
        command.addAll(command(args));
        return builder(workDir, env, command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static ProcessBuilder builder(Path workDir, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().remove("MLFLOW_TRACKING_URI");
        pb.environment().remove("GENLAB_PLUGINS");
        env.forEach((k, v) -> {
            if (v.isEmpty()) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return pb;
    }
}
