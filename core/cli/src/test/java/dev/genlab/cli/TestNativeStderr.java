package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code bin/genlab} keeps libtorch's native warning (written by C++ to file descriptor 2) off
 * the console and in the run's {@code native.log}, while Java's own stderr (phases, errors) and exit codes are as
 * before. A real script, a real JVM and a real gan whose sampling makes libtorch print the warning.
 */
class TestNativeStderr {
    static final String WARNING = "AutoNonVariableTypeMode";

    @TempDir
    Path dir;

    record Console(int exitCode, String out, String err) {
    }

    /** {@code sh bin/genlab ARGS} on this test's class path, in {@code dir}, with its own TMPDIR. */
    Console script(String... args) throws IOException, InterruptedException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new java.util.ArrayList<>(List.of("sh", ChildMaven.ROOT.resolve("core/cli/bin/genlab").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("GENLAB_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("TMPDIR", tmp.toString());
        pb.environment().put("PATH", Path.of(ChildJvm.java()).getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
        pb.environment().remove("MLFLOW_TRACKING_URI");
        pb.environment().remove("GENLAB_PLUGINS");
        Path out = dir.resolve("console-out.txt");
        Path err = dir.resolve("console-err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("genlab " + String.join(" ", args) + " did not end within 3 minutes");
        }
        return new Console(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void libtorchWarningGoesToTheRunsLogNotTheConsole() throws Exception {
        Files.writeString(dir.resolve("gan.conf"), """
                name = gan-native
                seed = 3
                dataset { type = toy-8gaussians, rows = 300 }
                split { test = 0.2 }
                model { type = gan, epochs = 1, batch-size = 64, generator-dims = [16], discriminator-dims = [16] }
                sample { rows = 100 }
                metrics = [fidelity]
                """);
        Console c = script("run", "gan.conf", "--runs", "runs");
        assertEquals(0, c.exitCode(), c.out() + c.err());
        assertFalse(c.err().contains(WARNING), "the console's stderr: " + c.err());
        assertFalse(c.out().contains(WARNING), c.out());
        assertTrue(c.err().contains("» training gan on 240 rows"), "Java's own stderr stays on the console: " + c.err());
        Path run;
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path log = run.resolve(NativeStderr.RUN_LOG);
        assertTrue(Files.readString(log).contains("Warning: " + WARNING), "the run's native.log has libtorch's warning");
        String where = c.out().lines().filter(l -> l.startsWith(NativeStderr.summaryLine(Path.of("")).strip())).findFirst().orElse("");
        assertTrue(where.endsWith(run.getFileName() + "/" + NativeStderr.RUN_LOG), "the summary says where: " + c.out());
        try (Stream<Path> s = Files.list(dir.resolve("tmp"))) {
            assertEquals(List.of(), s.toList(), "the launcher's file goes when a run holds all of it");
        }
    }

    @Test
    void userErrorsStillReachTheConsoleWithTheirExitCode() throws Exception {
        Console c = script("run", "missing.conf");
        assertEquals(Main.USER_ERROR, c.exitCode(), c.out() + c.err());
        assertTrue(c.err().contains("error: experiment file not found: " + dir.toRealPath().resolve("missing.conf")), c.err());
    }
}
