package dev.genlab.runtime.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.tracking.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code type = processes}: each trial is {@code genlab run FILE --set <trial values> --trial-of PARENT} in a new JVM
 * with this JVM's classpath, {@code sweep.parallelism} at a time; the default for {@code parallelism > 1}. Its output
 * goes to {@code <parent run>/trials/<n>.log}. Ctrl-C stops the children, whose own shutdown hooks mark their runs
 * KILLED. Unless {@code GENLAB_THREADS} is set, each child gets an equal share of the cores ({@code cores / parallel},
 * at least 1) for its PyTorch threads, so parallel trials never oversubscribe the machine (spinning OpenMP threads on
 * an oversubscribed core made an epoch several times slower).
 */
public final class ProcessesLauncherFactory implements SweepLauncherFactory<ProcessesLauncherFactory.Settings> {
    public static final String NAME = "processes";

    /** It takes no settings: sweep.parallelism says how many at once. */
    public record Settings() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Each trial a child genlab process on this machine, sweep.parallelism at a time (the default when parallelism > 1)";
    }

    @Override
    public Class<Settings> settingsClass() {
        return Settings.class;
    }

    @Override
    public Config defaults() {
        return ConfigFactory.empty();
    }

    @Override
    public SweepLauncher create(Settings settings, SweepLauncherContext context) {
        return new SweepLauncher() {
            private String threads = "1";

            @Override
            public String where(SweepPlan plan) {
                return plan.parallelism() + " at a time";
            }

            @Override
            public java.util.Map<String, String> open(SweepPlan plan, String parentId, TrialEvents events) {
                threads = System.getenv("GENLAB_THREADS") != null ? System.getenv("GENLAB_THREADS")
                        : Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, plan.parallelism())));
                return java.util.Map.of();
            }

            @Override
            public RunStatus launch(Trial trial, String runName, String parentId) throws Exception {
                List<String> overrides = new ArrayList<>(context.overrides());
                overrides.addAll(trial.overrides());
                List<String> command = new ArrayList<>(context.command());
                command.addAll(TrialCommand.arguments(context.file().toString(), context.store().root().toString(), parentId, runName, overrides,
                        context.pluginDirs().stream().map(Path::toString).toList()));
                Path log = context.store().root().resolve(parentId).resolve("trials").resolve(trial.index() + ".log");
                Files.createDirectories(log.getParent());
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().put("DJL_OFFLINE", "true");
                pb.environment().put("OPT_OUT_TRACKING", "true");
                pb.environment().put("GENLAB_THREADS", threads);
                pb.environment().putIfAbsent("MKL_CBWR", "AUTO,STRICT");
                Process process = pb.start();
                while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    if (context.cancelled().get()) {
                        process.destroy();
                        if (!process.waitFor(30, TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                        return RunStatus.KILLED;
                    }
                }
                return TrialCommand.status(process.exitValue(), trial.index(), log.toString());
            }
        };
    }
}
