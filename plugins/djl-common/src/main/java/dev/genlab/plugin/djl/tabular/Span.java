package dev.genlab.plugin.djl.tabular;

/**
 * A block of the encoded row that belongs to one column.
 *
 * @param column     the column's index in the schema
 * @param start      first position in the encoded row
 * @param width      number of positions
 * @param activation how a network's raw output for this block becomes a value
 * @param role       what the block encodes
 */
public record Span(int column, int start, int width, Activation activation, Role role) {
    /** The output non-linearity a generator applies to this block. */
    public enum Activation {
        /** One value in [-1, 1]. */
        TANH,
        /** One unbounded value. */
        LINEAR,
        /** A one-hot block (softmax / Gumbel-softmax in training, a draw or argmax when sampling). */
        SOFTMAX
    }

    /** What the block encodes. */
    public enum Role {
        /** A numeric value (scaled, or its offset within a mode). */
        VALUE,
        /** The mode of a numeric value (mode-specific normalisation). */
        MODE,
        /** Whether a numeric value is missing (present, missing). */
        MISSING,
        /** The level of a categorical column (the last slot is "missing" if the column has missing values). */
        CATEGORY
    }

    public int end() {
        return start + width;
    }
}
