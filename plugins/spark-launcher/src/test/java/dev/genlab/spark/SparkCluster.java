package dev.genlab.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A running Spark standalone cluster on 127.0.0.1: a master and its workers, each a {@code spark-class} JVM started
 * here (so their pids are known and a worker can be killed like a machine that dies). Everything binds to the
 * loopback address, the master's REST submission server is off, and each process logs to a file of its own in
 * {@link #directory()}. {@link #close()} stops every process started here and their children (executors and what
 * they run).
 */
public final class SparkCluster implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path sparkHome;
    private final Path python;
    private final Path directory;
    private final int port;
    private final int webUiPort;
    private final Process master;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SparkCluster(Path sparkHome, Path python, Path directory, int port, int webUiPort, Process master) {
        this.sparkHome = sparkHome;
        this.python = python;
        this.directory = directory;
        this.port = port;
        this.webUiPort = webUiPort;
        this.master = master;
    }

    /** Starts a master and {@code workers} workers of one core and 2 GiB each, and waits until all are ALIVE. */
    public static SparkCluster start(Path sparkHome, Path python, Path directory, int workers) throws IOException, InterruptedException {
        Objects.requireNonNull(sparkHome, "sparkHome is null");
        Files.createDirectories(directory.resolve("conf"));
        int port = freePort();
        int webUiPort = freePort();
        Process master = spawn(sparkHome, python, directory, "master",
                List.of("org.apache.spark.deploy.master.Master", "--host", HOST, "--port", Integer.toString(port), "--webui-port",
                        Integer.toString(webUiPort)), Map.of("SPARK_MASTER_OPTS", "-Dspark.master.rest.enabled=false -Dspark.worker.timeout=15"));
        SparkCluster cluster = new SparkCluster(sparkHome, python, directory, port, webUiPort, master);
        try {
            for (int i = 0; i < workers; i++) {
                cluster.startWorker();
            }
            cluster.awaitAliveWorkers(workers);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return "spark://" + HOST + ":" + port;
    }

    /** The master's web UI, {@code http://127.0.0.1:PORT}. */
    public String webUiUrl() {
        return "http://" + HOST + ":" + webUiPort;
    }

    /** The pyspark package directory, a complete Spark installation. */
    public Path sparkHome() {
        return sparkHome;
    }

    /** The virtualenv's python, which imports pyspark. */
    public Path python() {
        return python;
    }

    /** Where the cluster's logs and work directories are. */
    public Path directory() {
        return directory;
    }

    /**
     * The environment a Spark client on this machine needs to use the cluster through loopback only:
     * {@code SPARK_HOME}, {@code JAVA_HOME} (of this JVM), {@code SPARK_LOCAL_IP}, an empty {@code SPARK_CONF_DIR} (no
     * user configuration), {@code PYSPARK_PYTHON}.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("SPARK_LOCAL_HOSTNAME", HOST);
        env.put("SPARK_PUBLIC_DNS", HOST);
        env.put("SPARK_CONF_DIR", directory.resolve("conf").toString());
        env.put("PYSPARK_PYTHON", python.toString());
        env.put("PYSPARK_DRIVER_PYTHON", python.toString());
        return env;
    }

    /** The master's state: {@code GET /json/} of its web UI (workers, active and completed applications). */
    public JsonNode masterJson() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(webUiUrl() + "/json/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the Spark master answered " + r.statusCode() + " to /json/: " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** An application the master knows, running ({@code completed} false) or completed with its final state. */
    public record Application(String id, String name, String state, boolean completed) {
    }

    /** Every application the master lists, active ones first. */
    public List<Application> applications() throws IOException, InterruptedException {
        JsonNode json = masterJson();
        List<Application> out = new ArrayList<>();
        for (JsonNode a : json.path("activeapps")) {
            out.add(new Application(a.path("id").asText(), a.path("name").asText(), a.path("state").asText(), false));
        }
        for (JsonNode a : json.path("completedapps")) {
            out.add(new Application(a.path("id").asText(), a.path("name").asText(), a.path("state").asText(), true));
        }
        return out;
    }

    /** The application with this id, as the master lists it. */
    public Application application(String id) throws IOException, InterruptedException {
        for (Application a : applications()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("the master does not list application " + id + ": " + masterJson());
    }

    /** Waits until the master lists application {@code id} as completed (a driver's end reaches the master asynchronously). */
    public Application awaitCompleted(String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Application a = application(id);
            if (a.completed()) {
                return a;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("application " + id + " is still " + a.state() + " after " + timeout.toSeconds() + " s: " + masterJson());
            }
            Thread.sleep(200);
        }
    }

    /** The number of workers the master sees ALIVE. */
    public int aliveWorkers() throws IOException, InterruptedException {
        int alive = 0;
        for (JsonNode w : masterJson().path("workers")) {
            if ("ALIVE".equals(w.path("state").asText())) {
                alive++;
            }
        }
        return alive;
    }

    /**
     * Waits until the master sees exactly {@code n} workers ALIVE (a killed one no longer among them); fails naming the
     * logs if it does not within two minutes.
     */
    public void awaitAliveWorkers(int n) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IOException("the Spark master exited with code " + master.exitValue() + ": see " + directory.resolve("master.log"));
            }
            try {
                if (aliveWorkers() == n) {
                    return;
                }
                last = masterJson().toString();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("the Spark master did not see " + n + " ALIVE workers within " + START_TIMEOUT.toSeconds() + " s (last: " + last
                + "); logs in " + directory);
    }

    /** The workers started here, dead or alive, in the order they were started. */
    public List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** The live workers. */
    public List<Worker> liveWorkers() {
        return workers.stream().filter(Worker::isAlive).toList();
    }

    /** Starts one more worker (one core, 2 GiB) and returns it; it registers with the master asynchronously. */
    public Worker startWorker() throws IOException {
        int index = workers.size() + 1;
        Path work = Files.createDirectories(directory.resolve("worker-" + index));
        Process p = spawn(sparkHome, python, directory, "worker-" + index,
                List.of("org.apache.spark.deploy.worker.Worker", "--host", HOST, "--cores", "1", "--memory", "2g", "--webui-port",
                        Integer.toString(freePort()), "--work-dir", work.toString(), masterUrl()), Map.of());
        Worker w = new Worker(index, p, work);
        workers.add(w);
        return w;
    }

    /**
     * Makes the cluster whole again after a worker was killed: as many new workers as there are dead ones, then waits
     * until {@code n} are ALIVE.
     */
    public void restoreWorkers(int n) throws IOException, InterruptedException {
        int missing = n - liveWorkers().size();
        for (int i = 0; i < missing; i++) {
            startWorker();
        }
        awaitAliveWorkers(n);
    }

    /** A worker JVM of this cluster. */
    public static final class Worker {
        private final int index;
        private final Process process;
        private final Path workDirectory;

        Worker(int index, Process process, Path workDirectory) {
            this.index = index;
            this.process = process;
            this.workDirectory = workDirectory;
        }

        public int index() {
            return index;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Where its executors run ({@code --work-dir}): one directory per application. */
        public Path workDirectory() {
            return workDirectory;
        }

        /** Its child processes and theirs: executors, and whatever they started. */
        public List<ProcessHandle> descendants() {
            return process.descendants().filter(ProcessHandle::isAlive).toList();
        }

        /** Whether one of its descendants' command lines passes {@code test} (e.g. names a genlab trial). */
        public boolean runs(Predicate<String> test) {
            return descendants().stream().anyMatch(h -> h.info().commandLine().map(test::test).orElse(false));
        }

        /**
         * Kills it with SIGKILL, like a machine that dies: the worker, then its executors and what they started (taken
         * before the worker goes, so none is missed); waits until all are gone.
         */
        public void kill() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle c : children) {
                c.onExit().completeOnTimeout(c, 30, TimeUnit.SECONDS).join();
            }
        }

        @Override
        public String toString() {
            return "worker-" + index + " (pid " + pid() + (isAlive() ? "" : ", dead") + ")";
        }
    }

    /** Stops every process started here and their children: SIGTERM, then SIGKILL for what is left after 10 s. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Worker w : workers) {
            all.addAll(w.process.descendants().toList());
            all.add(w.process.toHandle());
        }
        all.addAll(master.descendants().toList());
        all.add(master.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            h.onExit().completeOnTimeout(h, left, TimeUnit.NANOSECONDS).join();
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    private static Process spawn(Path sparkHome, Path python, Path directory, String name, List<String> arguments, Map<String, String> extraEnv)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(sparkHome.resolve("bin/spark-class").toString());
        command.addAll(arguments);
        Path log = directory.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("SPARK_LOCAL_HOSTNAME", HOST);
        env.put("SPARK_PUBLIC_DNS", HOST);
        env.put("SPARK_CONF_DIR", directory.resolve("conf").toString());
        env.put("SPARK_LOG_DIR", directory.toString());
        env.put("PYSPARK_PYTHON", python.toString());
        // a trial's child JVM must not report to an MLflow server the test run happens to have in its environment
        env.remove("MLFLOW_TRACKING_URI");
        env.putAll(extraEnv);
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    /** The last lines of a process's log here, for failure messages. */
    public String logTail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(directory.resolve(name + ".log"), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
