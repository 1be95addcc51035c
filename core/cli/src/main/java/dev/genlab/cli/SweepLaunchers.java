package dev.genlab.cli;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.sweep.TrialLauncher;
import dev.genlab.runtime.tracking.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** How the CLI runs sweep trials: in this JVM one at a time, or as child {@code genlab run} processes in parallel. */
final class SweepLaunchers {
    private SweepLaunchers() {
    }

    static TrialLauncher inProcess(Genlab genlab, Path runs, AtomicBoolean cancelled) {
        return inProcess(genlab, runs, cancelled, RunListener.SILENT);
    }

    /** Trials one after another in this JVM, their progress bars (training epochs, ...) shown through {@code listener}. */
    static TrialLauncher inProcess(Genlab genlab, Path runs, AtomicBoolean cancelled, RunListener listener) {
        return (trial, runName, parentId) -> {
            PreparedRun prepared = genlab.prepare(trial.experiment(), RunListener.SILENT);
            dev.genlab.runtime.run.RunOutcome outcome = genlab.run(prepared, runs, genlab.mirrors(prepared, runs), listener, cancelled, runName, parentId);
            NativeStderr.keep(outcome.directory());
            return outcome.status();
        };
    }

    /**
     * Each trial is {@code genlab run FILE --set <trial values> --trial-of PARENT} in a new JVM with this JVM's
     * classpath; its output goes to {@code <parent run>/trials/<n>.log}. Ctrl-C stops the children, whose own
     * shutdown hooks mark their runs KILLED. Unless {@code GENLAB_THREADS} is set, each child gets an equal share of
     * the cores ({@code cores / parallel}, at least 1) for its PyTorch threads, so parallel trials never
     * oversubscribe the machine (spinning OpenMP threads on an oversubscribed core made an epoch several times slower).
     * Each child writes its progress bars to {@code <n>.progress} beside its log ({@link TrialProgress}); they are
     * drawn through {@code bars}, named {@code #n <task>}, while it runs.
     */
    static TrialLauncher processes(Path file, List<String> overrides, List<Path> pluginDirs, LocalRunStore store, AtomicBoolean cancelled,
            int parallel, RunListener bars) {
        String threads = System.getenv("GENLAB_THREADS") != null ? System.getenv("GENLAB_THREADS")
                : Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, parallel)));
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return (trial, runName, parentId) -> {
            List<String> command = new ArrayList<>(List.of(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", file.toString(), "--quiet", "--runs", store.root().toString(), "--trial-of", parentId, "--name", runName));
            for (String o : overrides) {
                command.add("--set");
                command.add(o);
            }
            for (String o : trial.overrides()) {
                command.add("--set");
                command.add(o);
            }
            for (Path d : pluginDirs) {
                command.add("--plugins");
                command.add(d.toString());
            }
            Path log = store.root().resolve(parentId).resolve("trials").resolve(trial.index() + ".log");
            Files.createDirectories(log.getParent());
            Path progress = log.resolveSibling(trial.index() + ".progress");
            command.add("--progress-file");
            command.add(progress.toString());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DJL_OFFLINE", "true");
            pb.environment().put("OPT_OUT_TRACKING", "true");
            pb.environment().put("GENLAB_THREADS", threads);
            pb.environment().putIfAbsent("MKL_CBWR", "AUTO,STRICT");
            Process process = pb.start();
            TrialProgress.Reader reader = new TrialProgress.Reader(progress, bars, "#" + trial.index() + " ");
            try {
                while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    reader.poll();
                    if (cancelled.get()) {
                        process.destroy();
                        if (!process.waitFor(30, TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                        return RunStatus.KILLED;
                    }
                }
            } finally {
                reader.finish();
                Files.deleteIfExists(progress);
            }
            return switch (process.exitValue()) {
                case Main.OK -> RunStatus.FINISHED;
                case Main.CANCELLED -> RunStatus.KILLED;
                default -> {
                    if (process.exitValue() == Main.USER_ERROR) {
                        throw new IllegalStateException("trial #" + trial.index() + " was refused: see " + log);
                    }
                    yield RunStatus.FAILED;
                }
            };
        };
    }

}
