package dev.genlab.spark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Apache Spark standalone cluster for tests: a master and two workers (one core each) on 127.0.0.1, one per
 * test run, shared by every test class that declares {@code @ExtendWith(SparkClusterExtension.class)} and takes a
 * {@link SparkCluster} parameter, stopped (with every process it started and their children) when the run ends.
 *
 * <p>Spark is the {@code pyspark} distribution of version {@value #VERSION} from PyPI, installed once with pip into a
 * virtualenv under the build's test cache ({@code genlab.test.cache}, else {@code target/test-cache}): its package
 * directory is a complete {@code SPARK_HOME} ({@code bin/}, {@code jars/}). If that cannot be done the tests fail and
 * say how to fix it; they are never skipped.
 */
public final class SparkClusterExtension implements ParameterResolver {
    static final String VERSION = "4.2.0";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SparkClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("cluster", k -> {
            try {
                Installation spark = installation();
                Path directory = Files.createDirectories(Path.of("target").toAbsolutePath())
                        .resolve("spark-cluster-" + System.currentTimeMillis());
                return new SharedCluster(SparkCluster.start(spark.sparkHome(), spark.python(), directory, 2));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the Spark cluster", e);
            }
        }, SharedCluster.class).cluster();
    }

    private record SharedCluster(SparkCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }

    /** Where Spark is: its home (the pyspark package directory) and the virtualenv's python (which imports pyspark). */
    public record Installation(Path sparkHome, Path python) {
    }

    private static Installation cached;

    /** The pyspark installation, provisioned on first use (also for the benchmark and tests that start their own cluster). */
    public static synchronized Installation installation() throws IOException {
        if (cached == null) {
            cached = provision();
        }
        return cached;
    }

    private static Installation provision() throws IOException {
        Path cache = Path.of(System.getProperty("genlab.test.cache", "target/test-cache")).toAbsolutePath();
        Path venv = cache.resolve("pyspark-venv-" + VERSION);
        Path python = venv.resolve("bin/python");
        Files.createDirectories(cache);
        // one install at a time, also across JVMs (two modules' tests, the benchmark)
        try (FileChannel channel = new RandomAccessFile(cache.resolve("pyspark-venv.lock").toFile(), "rw").getChannel();
                FileLock lock = channel.lock()) {
            Path done = venv.resolve(".genlab-complete");
            if (!Files.exists(done) || !Files.isExecutable(python)) {
                long t0 = System.nanoTime();
                run(List.of("python3", "-m", "venv", "--clear", venv.toString()), cache, Duration.ofMinutes(2));
                run(List.of(venv.resolve("bin/pip").toString(), "install", "--disable-pip-version-check", "--progress-bar", "off",
                        "pyspark==" + VERSION), cache, Duration.ofMinutes(20));
                Files.writeString(done, "pyspark " + VERSION + " installed in " + (System.nanoTime() - t0) / 1_000_000_000 + " s\n");
                System.err.println("[SparkClusterExtension] installed pyspark " + VERSION + " into " + venv + " in "
                        + (System.nanoTime() - t0) / 1_000_000_000 + " s");
            }
            Path home = sparkHome(python, cache);
            if (!Files.isExecutable(home.resolve("bin/spark-class")) || !Files.isDirectory(home.resolve("jars"))) {
                throw failure("pip installed pyspark but " + home + " has no bin/spark-class or jars/", null);
            }
            return new Installation(home, python);
        }
    }

    /** The package directory of pyspark, as its own python sees it. */
    private static Path sparkHome(Path python, Path cache) throws IOException {
        Path out = cache.resolve("pyspark-home.txt");
        run(List.of(python.toString(), "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))"), cache, Duration.ofMinutes(1), out);
        return Path.of(Files.readString(out, StandardCharsets.UTF_8).strip());
    }

    private static void run(List<String> command, Path directory, Duration timeout) throws IOException {
        run(command, directory, timeout, null);
    }

    private static void run(List<String> command, Path directory, Duration timeout, Path output) throws IOException {
        Path log = directory.resolve("pyspark-venv.log");
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
            if (output == null) {
                pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            } else {
                pb.redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            }
            p = pb.start();
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
        return new IOException("The Spark tests need a real Spark " + VERSION + " and could not provision one: " + what + ".\n"
                + "They install it themselves: python3 with the venv module and pip, able to reach PyPI, are needed "
                + "(on Debian: apt-get install python3-venv python3-pip); about 500 MB of disk under " + "the test cache." + tail);
    }
}
