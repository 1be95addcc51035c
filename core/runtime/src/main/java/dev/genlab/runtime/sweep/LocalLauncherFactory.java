package dev.genlab.runtime.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import java.util.Objects;

/** {@code type = local}: trials one after another in this JVM, their progress bars shown; the default for {@code parallelism = 1}. */
public final class LocalLauncherFactory implements SweepLauncherFactory<LocalLauncherFactory.Settings> {
    public static final String NAME = "local";

    /** It takes no settings. */
    public record Settings() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Trials one after another in this JVM (the default when sweep.parallelism = 1)";
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
        Genlab genlab = Objects.requireNonNull(context.genlab(), "the local launcher needs the discovered plugins");
        return new SweepLauncher() {
            @Override
            public String where(SweepPlan plan) {
                return "one at a time in this JVM";
            }

            @Override
            public int concurrency(SweepPlan plan) {
                return 1; // DJL: one gradient collector per JVM
            }

            @Override
            public dev.genlab.runtime.tracking.RunStatus launch(Trial trial, String runName, String parentId) throws Exception {
                PreparedRun prepared = genlab.prepare(trial.experiment(), RunListener.SILENT);
                return genlab.run(prepared, context.store().root(), genlab.mirrors(prepared, context.store().root()), context.listener(),
                        context.cancelled(), runName, parentId).status();
            }
        };
    }
}
