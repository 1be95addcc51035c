package dev.genlab.runtime.sweep;

import java.util.List;

/**
 * An expanded, validated sweep.
 *
 * @param axes        the keys the sweep varies, in expansion order (seed last)
 * @param parallelism trials run at once
 * @param warnings    what the sweep ignores, located ({@code exp.conf:9: sweep.per-model.gan: no trial uses ...})
 */
public record SweepPlan(List<String> axes, List<Trial> trials, int parallelism, List<String> warnings) {
    public SweepPlan {
        axes = List.copyOf(axes);
        trials = List.copyOf(trials);
        warnings = List.copyOf(warnings);
    }

    public SweepPlan(List<String> axes, List<Trial> trials, int parallelism) {
        this(axes, trials, parallelism, List.of());
    }
}
