package dev.genlab.runtime.sweep;

import com.typesafe.config.Config;
import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.store.LocalRunStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What a launcher may use to run a sweep's trials.
 *
 * @param file        the experiment file
 * @param experiment  the experiment as parsed, overridden and resolved (with its sweep block)
 * @param overrides   the {@code --set} arguments that make a trial's process see the same experiment as this one
 * @param pluginDirs  the {@code --plugins} directories
 * @param store       the local run store the trials end up in
 * @param cancelled   set on Ctrl-C
 * @param listener    where an in-process trial shows its progress
 * @param genlab      the discovered plugins (for trials in this JVM)
 * @param command     the {@code genlab} command of this installation: java, its options, {@code -cp}, the classpath
 *                    and the main class; a trial process is this plus {@link TrialCommand#arguments}
 * @param classpath   the classpath of {@code command}, entry by entry (what a cluster must be sent)
 * @param mainClass   the {@code genlab} main class
 * @param runDone     told each run directory a trial in this JVM has just written (the CLI copies the native
 *                    libraries' output there)
 */
public record SweepLauncherContext(Path file, Config experiment, List<String> overrides, List<Path> pluginDirs, LocalRunStore store,
        AtomicBoolean cancelled, RunListener listener, Genlab genlab, List<String> command, List<Path> classpath, String mainClass,
        Consumer<Path> runDone) {
    public SweepLauncherContext {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(experiment, "experiment is null");
        overrides = List.copyOf(overrides);
        pluginDirs = List.copyOf(pluginDirs);
        Objects.requireNonNull(store, "store is null");
        Objects.requireNonNull(cancelled, "cancelled is null");
        Objects.requireNonNull(listener, "listener is null");
        command = List.copyOf(command);
        classpath = List.copyOf(classpath);
        Objects.requireNonNull(mainClass, "mainClass is null");
        Objects.requireNonNull(runDone, "runDone is null");
    }

    /** A context whose trials' run directories need nothing more. */
    public SweepLauncherContext(Path file, Config experiment, List<String> overrides, List<Path> pluginDirs, LocalRunStore store,
            AtomicBoolean cancelled, RunListener listener, Genlab genlab, List<String> command, List<Path> classpath, String mainClass) {
        this(file, experiment, overrides, pluginDirs, store, cancelled, listener, genlab, command, classpath, mainClass, directory -> {
        });
    }

    /**
     * The command of this JVM: its java, its JIT options ({@link #jitOptions}), {@code -Dai.djl.offline=true} and its
     * classpath, running {@code mainClass}.
     */
    public static List<String> thisJvm(String mainClass) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jitOptions());
        command.addAll(List.of("-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), mainClass));
        return List.copyOf(command);
    }

    /**
     * The options of this JVM that a trial's JVM gets too: HotSpot's compile thresholds ({@code -XX:Tier…}, which the
     * launcher sets from {@code core/cli/bin/jvm.options}), so that a trial warms up as the run that started it.
     */
    public static List<String> jitOptions() {
        return jitOptions(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static List<String> jitOptions(List<String> jvmArguments) {
        return jvmArguments.stream().filter(a -> a.startsWith("-XX:Tier")).toList();
    }

    /** This JVM's classpath entries. */
    public static List<Path> thisClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
