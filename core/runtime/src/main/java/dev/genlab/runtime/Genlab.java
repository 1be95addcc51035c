package dev.genlab.runtime;

import com.typesafe.config.Config;
import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.config.ExperimentLoader;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.Preparer;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.run.Runner;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.tracking.RunTracker;
import dev.genlab.runtime.tracking.mlflow.MlflowTracker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The runtime's front door: discover plugins, validate and prepare an experiment, run it. */
public final class Genlab {
    private static final String KEY_DIRECTORY = "tracking.directory";

    private final PluginRegistry registry;
    private final ExperimentLoader loader;

    public Genlab(PluginRegistry registry) {
        this.registry = registry;
        this.loader = new ExperimentLoader(registry);
    }

    /** Plugins on the classpath plus those in {@code pluginDirectories} and in {@code GENLAB_PLUGINS} (path-separated). */
    public static Genlab discover(List<Path> pluginDirectories) {
        List<Path> dirs = new ArrayList<>(pluginDirectories);
        String env = System.getenv("GENLAB_PLUGINS");
        if (env != null && !env.isBlank()) {
            for (String d : env.split(java.io.File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return new Genlab(PluginRegistry.discover(dirs));
    }

    public PluginRegistry registry() {
        return registry;
    }

    public ExperimentLoader loader() {
        return loader;
    }

    /** Validates the file and prepares the run (plugins built, data loaded and checked); writes nothing. */
    public PreparedRun prepare(Path file, List<String> overrides, RunListener listener) {
        Experiment experiment = loader.load(file, overrides);
        return new Preparer(registry).prepare(experiment, listener);
    }

    /** Prepares an already validated experiment (e.g. a sweep trial). */
    public PreparedRun prepare(Experiment experiment, RunListener listener) {
        return new Preparer(registry).prepare(experiment, listener);
    }

    /** The run store an experiment records into: {@code runsDirectory} if given, else its tracking.directory. */
    public static LocalRunStore store(PreparedRun prepared, Path runsDirectory) {
        return store(prepared.experiment(), runsDirectory);
    }

    /**
     * The run store of {@code experiment}: {@code runsDirectory} ({@code --runs}) if given, else its
     * {@code tracking.directory}. A user error, named as {@code --runs DIR} or located at the key, if it cannot hold
     * runs; writes nothing, so {@code validate} and {@code run} call it before loading any data.
     */
    public static LocalRunStore store(Experiment experiment, Path runsDirectory) {
        if (runsDirectory != null) {
            return new LocalRunStore(runsDirectory, "--runs " + runsDirectory);
        }
        String directory = experiment.settings().tracking().directory();
        Config resolved = experiment.resolved();
        String env = System.getenv("GENLAB_RUNS");
        // not in the file: the default, or GENLAB_RUNS, which the defaults read
        String where = resolved.hasPath(KEY_DIRECTORY) ? Problems.where(resolved.getValue(KEY_DIRECTORY).origin())
                : env != null && !env.isBlank() ? "GENLAB_RUNS" : experiment.file().toString();
        return new LocalRunStore(Path.of(directory), where + ": " + KEY_DIRECTORY + ": " + directory);
    }

    /**
     * Trackers that mirror the local store for this run (e.g. MLflow when {@code tracking.mlflow.uri} or
     * {@code MLFLOW_TRACKING_URI} is set). Empty when the run is local only.
     */
    public List<RunTracker> mirrors(PreparedRun prepared) {
        return mirrors(prepared, null);
    }

    /** {@link #mirrors(PreparedRun)} for a run recorded in {@code runsDirectory} (null: the file's tracking.directory). */
    public List<RunTracker> mirrors(PreparedRun prepared, Path runsDirectory) {
        Optional<String> uri = prepared.experiment().settings().tracking().mlflow().uri().filter(u -> !u.isBlank());
        if (uri.isEmpty()) {
            return List.of();
        }
        return List.of(MlflowTracker.forRun(prepared, store(prepared, runsDirectory).root()));
    }

    public RunOutcome run(PreparedRun prepared, Path runsDirectory, List<RunTracker> mirrors, RunListener listener, AtomicBoolean cancelled)
            throws IOException {
        return run(prepared, runsDirectory, mirrors, listener, cancelled, null, null);
    }

    /** One run, named and attached to a parent (a sweep) when those are given. */
    public RunOutcome run(PreparedRun prepared, Path runsDirectory, List<RunTracker> mirrors, RunListener listener, AtomicBoolean cancelled,
            String runName, String parentId) throws IOException {
        return new Runner(store(prepared, runsDirectory), loader.experimentDefaults(), mirrors).run(prepared, listener, cancelled, runName, parentId);
    }
}
