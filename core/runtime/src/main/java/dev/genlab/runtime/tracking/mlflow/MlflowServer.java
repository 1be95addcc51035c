package dev.genlab.runtime.tracking.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local {@code mlflow server} process on 127.0.0.1 over a SQLite store, serving artifacts from a directory:
 * what {@code genlab ui} starts, and what the tests run against. Stopping it stops its workers too.
 */
public final class MlflowServer implements AutoCloseable {
    private final Path executable;
    private final Path directory;
    private final int port;
    private final Duration startTimeout;
    private Process process;
    private Thread shutdownHook;

    private MlflowServer(Path executable, Path directory, int port, Duration startTimeout) {
        this.executable = executable;
        this.directory = directory;
        this.port = port;
        this.startTimeout = startTimeout;
    }

    /** The {@code mlflow} command: {@code MLFLOW_BIN} if set, else the first on the PATH. */
    public static Optional<Path> findExecutable(Map<String, String> env) {
        String bin = env.get("MLFLOW_BIN");
        if (bin != null && !bin.isBlank()) {
            return Optional.of(Path.of(bin));
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : List.of("mlflow", "mlflow.exe")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a server storing runs in {@code directory}/mlflow.db and artifacts in {@code directory}/artifacts,
     * on {@code port} (0: a free one), and waits until {@code /health} answers.
     */
    public static MlflowServer start(Path executable, Path directory, int port, Duration startTimeout) throws IOException {
        MlflowServer server = new MlflowServer(executable, directory.toAbsolutePath(), port == 0 ? freePort() : port, startTimeout);
        server.startProcess();
        return server;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The server's output (stdout and stderr). */
    public Path log() {
        return directory.resolve("server.log");
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the server and its workers at once, as a crash would. */
    public void kill() {
        stop(true);
    }

    /** Starts it again on the same port and store, after {@link #kill()} or {@link #close()}. */
    public void restart() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("the MLflow server is running");
        }
        startProcess();
    }

    @Override
    public void close() {
        stop(false);
    }

    private void startProcess() throws IOException {
        Files.createDirectories(directory.resolve("artifacts"));
        List<String> command = new ArrayList<>(List.of(executable.toString(), "server",
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--backend-store-uri", "sqlite:///" + directory.resolve("mlflow.db"),
                "--artifacts-destination", directory.resolve("artifacts").toString(),
                "--serve-artifacts", "--workers", "1"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        // no telemetry, no browser, no surprises from the user's MLflow settings
        pb.environment().put("MLFLOW_DISABLE_TELEMETRY", "true");
        pb.environment().put("DO_NOT_TRACK", "true");
        pb.environment().remove("MLFLOW_TRACKING_URI");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + executable + " server': " + e.getMessage(), e);
        }
        shutdownHook = new Thread(() -> stop(true), "mlflow-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        MlflowHttp http = new MlflowHttp(uri(), MlflowHttp.Settings.DEFAULT);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!http.healthy()) {
            if (!process.isAlive()) {
                stop(true);
                throw new IOException("'mlflow server' exited with code " + process.exitValue() + " before it answered on " + uri() + ":\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                stop(true);
                throw new IOException("'mlflow server' did not answer on " + uri() + "/health within " + startTimeout.toSeconds() + " s:\n" + tail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(true);
                throw new IOException("interrupted while waiting for 'mlflow server'", e);
            }
        }
    }

    private void stop(boolean force) {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        for (ProcessHandle h : tree) {
            if (force) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(force ? 5 : 15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception slow) {
                h.destroyForcibly();
            }
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        process = null;
    }

    /** The last lines of the server's log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
