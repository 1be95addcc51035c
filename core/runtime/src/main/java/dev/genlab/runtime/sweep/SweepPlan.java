package dev.genlab.runtime.sweep;

import java.util.List;

/**
 * An expanded, validated sweep.
 *
 * @param axes        the keys the sweep varies, in expansion order (seed last)
 * @param parallelism trials run at once
 * @param warnings    what the sweep ignores, located ({@code exp.conf:9: sweep.per-model.gan: no trial uses ...})
 * @param launcher    where the trials run ({@code sweep.launcher}, else the default for the parallelism); null when no
 *                    launcher is on the classpath (a runtime without its launchers, as in some tests)
 */
public record SweepPlan(List<String> axes, List<Trial> trials, int parallelism, List<String> warnings, SweepLauncherRegistry.Choice launcher) {
    public SweepPlan {
        axes = List.copyOf(axes);
        trials = List.copyOf(trials);
        warnings = List.copyOf(warnings);
    }

    public SweepPlan(List<String> axes, List<Trial> trials, int parallelism, List<String> warnings) {
        this(axes, trials, parallelism, warnings, null);
    }

    public SweepPlan(List<String> axes, List<Trial> trials, int parallelism) {
        this(axes, trials, parallelism, List.of());
    }
}
