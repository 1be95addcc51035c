package dev.genlab.spi;

/**
 * The smallest data a metric's numbers mean something on, declared by the metric. Below them a run is
 * <em>degenerate</em>: {@code genlab validate} warns, the run records why, and comparisons never rank it or call
 * it best (a model trained on one row can score a perfect fidelity).
 *
 * @param train     fewest real training rows (or documents)
 * @param test      fewest real held-out rows
 * @param synthetic fewest synthetic rows
 */
public record MinimumSizes(int train, int test, int synthetic) {
    /** No minimum beyond one row of each. */
    public static final MinimumSizes NONE = new MinimumSizes(1, 1, 1);

    public MinimumSizes {
        if (train < 1 || test < 1 || synthetic < 1) {
            throw new IllegalArgumentException("minimum sizes must be at least 1, got train " + train + ", test " + test + ", synthetic " + synthetic);
        }
    }
}
