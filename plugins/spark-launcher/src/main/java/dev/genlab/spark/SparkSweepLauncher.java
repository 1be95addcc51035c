package dev.genlab.spark;

import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.sweep.SweepLauncher;
import dev.genlab.runtime.sweep.SweepLauncherContext;
import dev.genlab.runtime.sweep.SweepPlan;
import dev.genlab.runtime.sweep.Trial;
import dev.genlab.runtime.sweep.TrialCommand;
import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.tracking.mlflow.MlflowHttp;
import dev.genlab.runtime.tracking.mlflow.MlflowSync;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;

/**
 * The {@code genlab} side of a Spark sweep. {@link #open} writes the trials' bundle ({@link TrialBundle}), submits
 * {@link SparkSweepDriver} with spark-submit (client mode) and waits for it to connect back over loopback;
 * {@link #launch} hands it a trial and waits for the trial's run directory, which it unpacks into the local store
 * (the same layout, parent link and name as a local trial's) and, when the experiment names an MLflow server, pushes
 * there with {@link MlflowSync}. A trial that comes back without a run (every attempt lost, or the sweep cancelled)
 * is recorded as a FAILED or KILLED run of its own, so the store shows every trial.
 */
final class SparkSweepLauncher implements SweepLauncher {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SparkSweepLauncher.class);

    private final SparkLauncherSettings settings;
    private final Path sparkHome;
    private final SweepLauncherContext context;
    private final Map<Integer, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
    private Path work;
    private ServerSocket server;
    private SparkAppHandle handle;
    private Wire wire;
    private Thread reader;
    private TrialEvents events = TrialEvents.NONE;
    private Path driverLog;
    private TrialBundle.Contents bundle;
    private volatile boolean cancelSent;

    /** What came back for a trial: a result, or why there is none. */
    private record Outcome(TrialResult result, String noResult) {
    }

    SparkSweepLauncher(SparkLauncherSettings settings, Path sparkHome, SweepLauncherContext context) {
        this.settings = settings;
        this.sparkHome = sparkHome;
        this.context = context;
    }

    @Override
    public String where(SweepPlan plan) {
        return "as tasks of a Spark application on " + settings.master();
    }

    /** Trials handed to the cluster at once (each waits in a thread here and in the driver); the cluster schedules them. */
    static final int IN_FLIGHT = 512;

    @Override
    public int concurrency(SweepPlan plan) {
        return Math.min(plan.trials().size(), IN_FLIGHT);
    }

    @Override
    public boolean queues() {
        return true;
    }

    @Override
    public Map<String, String> open(SweepPlan plan, String parentId, TrialEvents events) throws Exception {
        this.events = events;
        Path parentDir = context.store().root().resolve(parentId);
        driverLog = parentDir.resolve("spark-driver.log");
        work = Files.createTempDirectory("genlab-spark-");
        bundle = TrialBundle.write(work.resolve("genlab.zip"), context.classpath(), context.pluginDirs(), context.file(), context.experiment());
        Path appJar = appJar();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());

        Map<String, String> env = new LinkedHashMap<>();
        env.put(Wire.TOKEN_ENV, token);
        env.put("SPARK_HOME", sparkHome.toString());
        if (settings.loopback()) {
            env.put("SPARK_LOCAL_IP", "127.0.0.1"); // nothing leaves this machine
        }
        SparkLauncher launcher = new SparkLauncher(env).setSparkHome(sparkHome.toString()).setAppResource(appJar.toString())
                .setMainClass(SparkSweepDriver.class.getName()).setMaster(master()).setDeployMode("client")
                .setAppName("genlab sweep " + plan.trials().get(0).experiment().name() + " (" + parentId + ")")
                .setConf(SparkLauncher.DRIVER_MEMORY, settings.driverMemory())
                .setConf(SparkLauncher.EXECUTOR_CORES, Integer.toString(settings.executorCores()))
                .setConf(SparkLauncher.EXECUTOR_MEMORY, settings.executorMemory())
                .setConf("spark.task.cpus", Integer.toString(settings.trialCores()))
                .setConf("spark.task.maxFailures", Integer.toString(settings.maxAttempts()))
                .setConf("spark.archives", bundle.zip().toUri() + "#" + TrialTask.ARCHIVE)
                .addAppArgs(Integer.toString(server.getLocalPort()))
                .redirectOutput(driverLog.toFile()).redirectError();
        if (settings.loopback()) {
            launcher.setConf("spark.driver.host", "127.0.0.1").setConf("spark.driver.bindAddress", "127.0.0.1");
        }
        settings.conf().forEach(launcher::setConf);
        handle = launcher.startApplication();
        wire = connect(token);
        String appId = wire.readString();
        String ui = wire.readString();
        reader = new Thread(this::read, "genlab-spark-driver");
        reader.setDaemon(true);
        reader.start();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("spark.applicationId", appId);
        if (!ui.isEmpty()) {
            tags.put("spark.uiWebUrl", ui);
        }
        tags.put("spark.master", settings.master());
        if (!bundle.shippedFiles().isEmpty()) {
            tags.put("genlab.sweep.shipped_files", String.join(", ", bundle.shippedFiles()));
        }
        return tags;
    }

    /** {@code local[N]} counts attempts only as {@code local[N,F]}; every other master takes spark.task.maxFailures. */
    private String master() {
        String m = settings.master();
        if (m.startsWith("local") && !m.contains(",")) {
            String threads = m.equals("local") ? "1" : m.substring("local[".length(), m.length() - 1);
            return "local[" + threads + "," + settings.maxAttempts() + "]";
        }
        return m;
    }

    /** The jar spark-submit runs: this module's, or (run from a build tree) its classes jarred. */
    private Path appJar() throws IOException {
        Path location;
        try {
            location = Path.of(SparkSweepDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot find the genlab-spark-launcher jar: " + e.getMessage(), e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = work.resolve("genlab-spark-launcher.jar");
        TrialBundle.jar(location, jar);
        return jar;
    }

    /** The driver's connection, once it says the token; an error naming the driver's log if the application ends first. */
    private Wire connect(String token) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.submitTimeout());
        server.setSoTimeout(250);
        while (true) {
            if (context.cancelled().get()) {
                handle.kill();
                throw new InterruptedException("cancelled while the Spark application started");
            }
            if (handle.getState().isFinal()) {
                throw new IOException("the Spark application ended before it started the trials (" + handle.getState() + "); see " + driverLog
                        + lastLines());
            }
            if (System.nanoTime() > deadline) {
                handle.kill();
                throw new IOException("the Spark application did not start within submit-timeout = " + settings.submitTimeout() + " s (state "
                        + handle.getState() + "); see " + driverLog + lastLines());
            }
            try {
                Socket s = server.accept();
                s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(settings.submitTimeout()));
                Wire w = new Wire(s);
                if (w.type() == Wire.HELLO && token.equals(w.readString())) {
                    s.setSoTimeout(0);
                    // the HELLO's other fields are read by open()
                    return w;
                }
                s.close();
            } catch (SocketTimeoutException e) {
                // not yet
            }
        }
    }

    private String lastLines() {
        try {
            List<String> lines = Files.readAllLines(driverLog, StandardCharsets.UTF_8);
            return ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** The driver's messages, until it goes; trials still waiting then get no result. */
    private void read() {
        try {
            for (int type = wire.type(); type != -1; type = wire.type()) {
                switch (type) {
                    case Wire.STARTED -> {
                        int index = wire.readInt();
                        attempts.put(index, wire.readInt());
                        events.started(index);
                    }
                    case Wire.ATTEMPT_FAILED -> {
                        int index = wire.readInt();
                        int attempt = wire.readInt();
                        String why = wire.readString();
                        if (attempt + 1 < settings.maxAttempts() && !cancelSent) {
                            events.retrying(index, why);
                        }
                    }
                    case Wire.RESULT -> {
                        int index = wire.readInt();
                        TrialResult r = new TrialResult(wire.readInt(), wire.readInt(), wire.readString(), wire.readBytes());
                        complete(index, new Outcome(r, null));
                    }
                    case Wire.NO_RESULT -> {
                        int index = wire.readInt();
                        complete(index, new Outcome(null, wire.readString()));
                    }
                    default -> throw new IOException("unexpected message " + type + " from the Spark driver");
                }
            }
        } catch (IOException e) {
            LOG.debug("the Spark driver's connection ended: {}", e.getMessage());
        }
        pending.values().forEach(f -> f.complete(new Outcome(null, "the Spark driver stopped; see " + driverLog)));
    }

    private void complete(int index, Outcome outcome) {
        pending.computeIfAbsent(index, i -> new CompletableFuture<>()).complete(outcome);
    }

    @Override
    public RunStatus launch(Trial trial, String runName, String parentId) throws Exception {
        CompletableFuture<Outcome> result = pending.computeIfAbsent(trial.index(), i -> new CompletableFuture<>());
        if (!reader.isAlive()) {
            result.complete(new Outcome(null, "the Spark driver stopped; see " + driverLog));
        }
        // the JIT options of the JVM that runs the sweep (core/cli/bin/jvm.options), as a local sweep's trials get them
        List<String> command = new ArrayList<>(SweepLauncherContext.jitOptions());
        command.addAll(List.of("-Dai.djl.offline=true", "-Xmx" + settings.trialMemory(), "-cp",
                String.join(java.io.File.pathSeparator, bundle.classpath()), context.mainClass()));
        // MLflow off on the executors (the shipped experiment has no server): this side pushes the run
        command.addAll(TrialCommand.arguments(bundle.experiment(), TrialTask.RUNS, parentId, runName, trial.overrides(), bundle.pluginDirs()));
        wire.send(Wire.TRIAL, trial.index(), trial.label(), settings.trialCores(), command);
        Outcome outcome;
        while (true) {
            try {
                outcome = result.get(200, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                if (context.cancelled().get()) {
                    cancel();
                }
            }
        }
        Path log = context.store().root().resolve(parentId).resolve("trials").resolve(trial.index() + ".log");
        Files.createDirectories(log.getParent());
        if (outcome.result() == null && context.cancelled().get() && !attempts.containsKey(trial.index())) {
            // cancelled before a task of it started: not run, and no run of it (as a local sweep's trials never started)
            return RunStatus.KILLED;
        }
        if (outcome.result() == null) {
            Files.writeString(log, outcome.noResult() + "\n");
            RunStatus status = context.cancelled().get() ? RunStatus.KILLED : RunStatus.FAILED;
            String why = status == RunStatus.KILLED ? "cancelled: the Spark job of this trial was cancelled on the driver (Ctrl-C)"
                    : "no attempt of " + settings.maxAttempts() + " returned a run: " + outcome.noResult();
            record(trial, runName, parentId, status, why);
            return status;
        }
        TrialResult r = outcome.result();
        Files.writeString(log, r.log());
        Optional<String> runId = unpack(r.run());
        if (runId.isEmpty()) {
            if (r.exitCode() == dev.genlab.runtime.ExitCodes.USER_ERROR) {
                return TrialCommand.status(r.exitCode(), trial.index(), log.toString());
            }
            record(trial, runName, parentId, RunStatus.FAILED, "the trial made no run (exit code " + r.exitCode() + "); see " + log);
            return RunStatus.FAILED;
        }
        tagAttempts(runId.get(), r.attempt() + 1);
        push(trial, runId.get());
        return TrialCommand.status(r.exitCode(), trial.index(), log.toString());
    }

    private synchronized void cancel() {
        if (!cancelSent) {
            cancelSent = true;
            try {
                wire.send(Wire.CANCEL);
            } catch (IOException e) {
                LOG.debug("cancelling the Spark jobs: {}", e.getMessage());
            }
        }
    }

    /** The trial's run directory into the store, as its process would have written it there; its id. */
    private Optional<String> unpack(byte[] zip) throws IOException {
        if (zip.length == 0) {
            return Optional.empty();
        }
        Path root = context.store().root().toAbsolutePath().normalize();
        String runId = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("a trial's run has an entry outside the store: " + e.getName());
                }
                String id = root.relativize(target).getName(0).toString();
                if (runId != null && !runId.equals(id)) {
                    throw new IOException("a trial returned two runs: " + runId + " and " + id);
                }
                runId = id;
                if (!e.isDirectory()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return Optional.ofNullable(runId);
    }

    /**
     * The attempts the trial took, on the run it returned as on a run recorded here ({@link #record}): a retried trial
     * shows in the store and in MLflow, where only its last attempt's run is.
     */
    private void tagAttempts(String runId, int attempts) throws IOException {
        Path tags = context.store().root().resolve(runId).resolve("tags.json");
        Map<String, Object> all = new java.util.TreeMap<>(Files.isRegularFile(tags) ? dev.genlab.runtime.util.Json.readMap(tags) : Map.of());
        all.put("spark.attempts", Integer.toString(attempts));
        dev.genlab.runtime.util.Json.write(tags, all);
    }

    /** A trial without a run of its own still appears in the store, with why. */
    private void record(Trial trial, String runName, String parentId, RunStatus status, String why) throws IOException {
        long now = System.currentTimeMillis();
        String experiment = trial.experiment().name();
        try (RunWriter w = context.store().create(new RunInfo(LocalRunStore.newRunId(experiment, now), runName, experiment, parentId, now))) {
            w.tags(Map.of("genlab.trial", trial.label(), "spark.attempts", Integer.toString(attempts.getOrDefault(trial.index(), -1) + 1)));
            w.ended(status, why, System.currentTimeMillis());
        }
    }

    /** The trial's run to the MLflow server the experiment names, as a local trial would have logged it; else nothing. */
    private void push(Trial trial, String runId) {
        Optional<String> uri = trial.experiment().settings().tracking().mlflow().uri().filter(u -> !u.isBlank());
        if (uri.isEmpty()) {
            return;
        }
        try {
            for (MlflowSync.Result r : MlflowSync.syncStore(context.store(), List.of(runId), uri.get(), System.getenv(), MlflowHttp.Settings.DEFAULT)) {
                if (r.outcome() == MlflowSync.Outcome.FAILED) {
                    LOG.warn("trial run {} did not reach MLflow ({}); 'genlab sync' pushes it later", runId, r.detail());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("trial run {} did not reach MLflow ({}); 'genlab sync' pushes it later", runId, e.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (wire != null) {
                try {
                    wire.send(Wire.SHUTDOWN);
                } catch (IOException e) {
                    LOG.debug("stopping the Spark driver: {}", e.getMessage());
                }
            }
            if (handle != null) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!handle.getState().isFinal() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                if (!handle.getState().isFinal()) {
                    handle.kill();
                }
            }
        } finally {
            if (wire != null) {
                wire.close();
            }
            if (server != null) {
                server.close();
            }
            if (work != null) {
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
