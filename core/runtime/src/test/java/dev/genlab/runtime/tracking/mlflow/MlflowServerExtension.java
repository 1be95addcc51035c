package dev.genlab.runtime.tracking.mlflow;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real {@code mlflow server} for tests: one per test run, shared by every test class that declares
 * {@code @ExtendWith(MlflowServerExtension.class)} and takes an {@link MlflowServer} parameter, stopped when the
 * run ends (and on JVM exit). Tests that kill and restart a server start their own with {@link #startServer(Path)}.
 *
 * <p>The {@code mlflow} command is {@code MLFLOW_BIN}, else the one on the PATH, else version {@value #VERSION}
 * installed once into a virtualenv under the build's test cache ({@code genlab.test.cache}). If none of that
 * works the tests fail and say how to fix it; they are never skipped.
 */
public final class MlflowServerExtension implements ParameterResolver {
    static final String VERSION = MlflowUi.MLFLOW_VERSION;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MlflowServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MlflowServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("server", k -> {
            try {
                return new SharedServer(startServer(Files.createTempDirectory("genlab-mlflow-")));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, SharedServer.class).server();
    }

    private record SharedServer(MlflowServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    /** A new server of its own, storing everything in {@code directory}; the caller closes it. */
    public static MlflowServer startServer(Path directory) throws IOException {
        return MlflowServer.start(mlflow(), directory, 0, START_TIMEOUT);
    }

    private static Path cached;

    /** The mlflow command, provisioned on first use. */
    static synchronized Path mlflow() throws IOException {
        if (cached == null) {
            Optional<Path> found = MlflowServer.findExecutable(System.getenv());
            cached = found.isPresent() ? found.get() : provision();
        }
        return cached;
    }

    private static Path provision() throws IOException {
        Path cache = Path.of(System.getProperty("genlab.test.cache", "target/test-cache")).toAbsolutePath();
        Path venv = cache.resolve("mlflow-venv-" + VERSION);
        Path bin = venv.resolve(isWindows() ? "Scripts/mlflow.exe" : "bin/mlflow");
        Files.createDirectories(cache);
        try (FileChannel channel = new RandomAccessFile(cache.resolve("mlflow-venv.lock").toFile(), "rw").getChannel();
                FileLock lock = channel.lock()) {
            Path done = venv.resolve(".genlab-complete");
            if (Files.exists(done) && Files.isExecutable(bin)) {
                return bin;
            }
            long t0 = System.nanoTime();
            String python = isWindows() ? "python" : "python3";
            run(List.of(python, "-m", "venv", "--clear", venv.toString()), cache, Duration.ofMinutes(2));
            Path pip = venv.resolve(isWindows() ? "Scripts/pip.exe" : "bin/pip");
            run(List.of(pip.toString(), "install", "--disable-pip-version-check", "--progress-bar", "off", "mlflow==" + VERSION), cache,
                    Duration.ofMinutes(15));
            if (!Files.isExecutable(bin)) {
                throw failure("pip installed mlflow but " + bin + " is missing", null);
            }
            Files.writeString(done, "mlflow " + VERSION + " installed in " + (System.nanoTime() - t0) / 1_000_000_000 + " s\n");
            System.err.println("[MlflowServerExtension] installed mlflow " + VERSION + " into " + venv + " in "
                    + (System.nanoTime() - t0) / 1_000_000_000 + " s");
            return bin;
        }
    }

    private static void run(List<String> command, Path directory, Duration timeout) throws IOException {
        Path log = directory.resolve("mlflow-venv.log");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw failure("cannot run " + command.get(0) + ": " + e.getMessage(), null);
        }
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw failure(String.join(" ", command) + " took longer than " + timeout.toMinutes() + " min", log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw failure("interrupted", log);
        }
        if (p.exitValue() != 0) {
            throw failure(String.join(" ", command) + " failed with exit code " + p.exitValue(), log);
        }
    }

    private static IOException failure(String what, Path log) {
        String tail = "";
        if (log != null) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                tail = "\n--- " + log + " (end) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            } catch (IOException ignored) {
                // no log to show
            }
        }
        return new IOException("The MLflow tests need a real 'mlflow server' and could not provision one: " + what + ".\n"
                + "Fix it in one of these ways:\n"
                + "  - let the tests install it: python3 with the venv module and pip, able to reach PyPI (on Debian: apt-get install python3-venv);\n"
                + "  - install it yourself: python3 -m pip install 'mlflow==" + VERSION + "' and put 'mlflow' on the PATH;\n"
                + "  - or point MLFLOW_BIN at an mlflow executable." + tail);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
