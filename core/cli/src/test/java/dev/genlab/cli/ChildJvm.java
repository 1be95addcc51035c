package dev.genlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the tests that start genlab as a real child process share. */
final class ChildJvm {
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
        List<String> command = new ArrayList<>(List.of(java(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "genlab-out", ".txt");
        Path err = Files.createTempFile(workDir, "genlab-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().remove("MLFLOW_TRACKING_URI");
        pb.environment().remove("GENLAB_PLUGINS");
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("genlab " + String.join(" ", args) + " did not end within 2 minutes");
        }
        TestCli.Result r = new TestCli.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
