package dev.genlab.plugin.deeptext;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** A character language model's network as scoring and sampling use it (training adds dropout and state). */
interface CharNetwork {
    /**
     * Next-token logits {@code (B, T, V)} in {@code manager} for {@code tokens} ({@code rows x length}, row-major),
     * each row read from a fresh start, without dropout.
     */
    NDArray logits(NDManager manager, long[] tokens, int rows, int length);

    /** The longest window it reads at once: a transformer's context; unlimited for a recurrent network. */
    int window();

    /** A sampling session over {@code rows} documents; its arrays live in {@code manager}. */
    Session session(NDManager manager, int rows);

    /** Incremental decoding: rows all grow by the same tokens count per call; rows that end are dropped. */
    interface Session {
        /**
         * Appends {@code length} tokens to each of the current rows ({@code tokens} row-major) and returns the
         * logits of the next token, {@code rows * V} on the heap.
         */
        float[] feed(long[] tokens, int length);

        /** Keeps only the rows at these current indices (ascending), in this order. */
        void retain(int[] rows);
    }
}
