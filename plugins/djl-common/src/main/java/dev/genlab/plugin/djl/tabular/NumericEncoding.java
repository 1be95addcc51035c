package dev.genlab.plugin.djl.tabular;

/** How the tabular transformer encodes a numeric column for a network. */
public enum NumericEncoding {
    /**
     * CTGAN's mode-specific normalisation: a variational Gaussian mixture per column; a value becomes the one-hot
     * of a mode drawn from its posterior and its offset within that mode, {@code (x - mean) / (4 std)}.
     */
    MODE_SPECIFIC,
    /** Scaled to [-1, 1] by the training minimum and maximum (a tanh output). */
    MINMAX,
    /** Standardised by the training mean and standard deviation (a linear output). */
    STANDARD
}
