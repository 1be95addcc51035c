package dev.genlab.plugin.evaluation;

/**
 * Rows in the {@link FeatureEncoder}'s space: {@code numericDims} z-scores per row (row-major) and the one-hot slots
 * as a bit set of {@code words} longs per row.
 */
record EncodedRows(int rows, int numericDims, double[] numeric, int words, long[] bits) {
    /** Squared mixed distance between row {@code i} of this and row {@code j} of {@code other}. */
    double distanceSquared(int i, EncodedRows other, int j) {
        int mismatched = 0;
        for (int w = 0; w < words; w++) {
            mismatched += Long.bitCount(bits[i * words + w] ^ other.bits[j * words + w]);
        }
        double d = 0.5 * mismatched;
        for (int k = 0; k < numericDims; k++) {
            double diff = numeric[i * numericDims + k] - other.numeric[j * numericDims + k];
            d += diff * diff;
        }
        return d;
    }

    boolean slot(int row, int slot) {
        return (bits[row * words + (slot >>> 6)] & (1L << (slot & 63))) != 0;
    }

    /** The rows at {@code indices}. */
    EncodedRows rows(int[] indices) {
        double[] num = new double[indices.length * numericDims];
        long[] b = new long[indices.length * words];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(numeric, indices[i] * numericDims, num, i * numericDims, numericDims);
            System.arraycopy(bits, indices[i] * words, b, i * words, words);
        }
        return new EncodedRows(indices.length, numericDims, num, words, b);
    }

    /**
     * The mean of these rows as a dense vector in the Euclidean embedding of the mixed distance: numeric
     * coordinates, then each one-hot slot's frequency scaled by 1/√2.
     */
    double[] center(int slots) {
        double[] c = new double[numericDims + slots];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < numericDims; k++) {
                c[k] += numeric[r * numericDims + k];
            }
            for (int w = 0; w < words; w++) {
                long x = bits[r * words + w];
                while (x != 0) {
                    c[numericDims + (w << 6) + Long.numberOfTrailingZeros(x)] += 1;
                    x &= x - 1;
                }
            }
        }
        double s = Math.sqrt(0.5);
        for (int k = 0; k < c.length; k++) {
            c[k] /= rows;
            if (k >= numericDims) {
                c[k] *= s;
            }
        }
        return c;
    }

    /** Euclidean distance of each row to {@code center} (from {@link #center}) in that embedding. */
    double[] distancesTo(double[] center) {
        int slots = center.length - numericDims;
        double s = Math.sqrt(0.5);
        // Σ over slots of (b·s − c)² = Σ c² + Σ over set slots of (s² − 2·s·c)
        double base = 0;
        for (int k = numericDims; k < center.length; k++) {
            base += center[k] * center[k];
        }
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double d = base;
            for (int k = 0; k < numericDims; k++) {
                double diff = numeric[r * numericDims + k] - center[k];
                d += diff * diff;
            }
            for (int w = 0; w < words; w++) {
                long x = bits[r * words + w];
                while (x != 0) {
                    int slot = (w << 6) + Long.numberOfTrailingZeros(x);
                    if (slot < slots) {
                        double c = center[numericDims + slot];
                        d += s * s - 2 * s * c;
                    }
                    x &= x - 1;
                }
            }
            out[r] = Math.sqrt(Math.max(d, 0));
        }
        return out;
    }

    /** A hash of row {@code r}'s encoding: equal rows hash alike. */
    long hash(int r) {
        long h = ExactCopies.SEED;
        for (int j = 0; j < numericDims; j++) {
            h = ExactCopies.mix(h, ExactCopies.canonical(numeric[r * numericDims + j]));
        }
        for (int w = 0; w < words; w++) {
            h = ExactCopies.mix(h, bits[r * words + w]);
        }
        return h;
    }
}
