package dev.genlab.plugin.copula;

/** How the copula models the distribution of each numeric column on its own. */
public enum NumericMarginal {
    /** The training values themselves: normal scores from mid-ranks, samples by interpolating between sorted values. */
    EMPIRICAL,
    /** A normal distribution with the column's mean and standard deviation. */
    GAUSSIAN
}
