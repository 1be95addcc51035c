package dev.genlab.runtime.sweep;

import java.util.List;

/**
 * An expanded, validated sweep.
 *
 * @param axes        the keys the sweep varies, in expansion order (seed last)
 * @param parallelism trials run at once
 */
public record SweepPlan(List<String> axes, List<Trial> trials, int parallelism) {
    public SweepPlan {
        axes = List.copyOf(axes);
        trials = List.copyOf(trials);
    }
}
