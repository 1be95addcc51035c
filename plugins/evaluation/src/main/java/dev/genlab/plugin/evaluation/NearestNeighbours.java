package dev.genlab.plugin.evaluation;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact nearest-neighbour queries under the mixed distance of {@link FeatureEncoder}, by brute force in blocks: a
 * block of queries is compared with a block of reference rows that stays in cache, blocks of queries run in
 * parallel, and memory stays O(queries · k) (no distance matrix). Ties keep the lower reference index, so results
 * do not depend on thread scheduling.
 */
final class NearestNeighbours {
    private static final int QUERY_BLOCK = 64;
    private static final int REFERENCE_BLOCK = 512;

    private NearestNeighbours() {
    }

    /** The k nearest reference rows of each query, nearest first; squared distances. */
    record Neighbours(int k, double[] squaredDistances, int[] indices) {
        double distance(int query, int rank) {
            return Math.sqrt(squaredDistances[query * k + rank]);
        }

        double squaredDistance(int query, int rank) {
            return squaredDistances[query * k + rank];
        }

        int index(int query, int rank) {
            return indices[query * k + rank];
        }

        /** The distance to the neighbour of {@code rank} (0 = nearest) of every query. */
        double[] distances(int rank) {
            double[] out = new double[squaredDistances.length / k];
            for (int q = 0; q < out.length; q++) {
                out[q] = distance(q, rank);
            }
            return out;
        }
    }

    /**
     * Per query: how many reference rows lie strictly inside their own radius around it ({@code d(q, r) < radius_r}),
     * and its nearest reference row.
     */
    record Scan(int[] within, Neighbours nearest) {
    }

    /** The {@code k} nearest rows of {@code references} to each row of {@code queries}. */
    static Neighbours nearest(EncodedRows queries, EncodedRows references, int k) {
        if (k < 1 || k > references.rows()) {
            throw new IllegalArgumentException("k = " + k + " needs between 1 and " + references.rows() + " reference rows");
        }
        double[] best = new double[queries.rows() * k];
        int[] index = new int[queries.rows() * k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        Arrays.fill(index, -1);
        forEachBlock(queries.rows(), (q0, q1) -> {
            for (int r0 = 0; r0 < references.rows(); r0 += REFERENCE_BLOCK) {
                int r1 = Math.min(references.rows(), r0 + REFERENCE_BLOCK);
                for (int q = q0; q < q1; q++) {
                    scanNearest(queries, q, references, r0, r1, k, best, index);
                }
            }
        });
        return new Neighbours(k, best, index);
    }

    /** {@link Scan} of {@code queries} against {@code references}, each reference row with its squared radius. */
    static Scan scan(EncodedRows queries, EncodedRows references, double[] referenceSquaredRadius) {
        if (referenceSquaredRadius.length != references.rows()) {
            throw new IllegalArgumentException("one radius per reference row");
        }
        int[] within = new int[queries.rows()];
        double[] best = new double[queries.rows()];
        int[] index = new int[queries.rows()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        Arrays.fill(index, -1);
        forEachBlock(queries.rows(), (q0, q1) -> {
            for (int r0 = 0; r0 < references.rows(); r0 += REFERENCE_BLOCK) {
                int r1 = Math.min(references.rows(), r0 + REFERENCE_BLOCK);
                for (int q = q0; q < q1; q++) {
                    int count = 0;
                    double b = best[q];
                    int bi = index[q];
                    for (int r = r0; r < r1; r++) {
                        double d = queries.distanceSquared(q, references, r);
                        if (d < referenceSquaredRadius[r]) {
                            count++;
                        }
                        if (d < b) {
                            b = d;
                            bi = r;
                        }
                    }
                    within[q] += count;
                    best[q] = b;
                    index[q] = bi;
                }
            }
        });
        return new Scan(within, new Neighbours(1, best, index));
    }

    /** Updates query {@code q}'s k best with references {@code r0..r1}. */
    private static void scanNearest(EncodedRows queries, int q, EncodedRows references, int r0, int r1, int k, double[] best, int[] index) {
        int base = q * k;
        double worst = best[base + k - 1];
        int words = queries.words();
        int p = queries.numericDims();
        long[] rb = references.bits();
        double[] qn = queries.numeric();
        double[] rn = references.numeric();
        // the query's first two bit words in registers: Adult-sized one-hot encodings fit in 128 bits
        long q0 = queries.bits()[q * words];
        long q1 = words > 1 ? queries.bits()[q * words + 1] : 0;
        for (int r = r0; r < r1; r++) {
            int rw = r * words;
            int mismatched = Long.bitCount(q0 ^ rb[rw]) + (words > 1 ? Long.bitCount(q1 ^ rb[rw + 1]) : 0);
            for (int w = 2; w < words; w++) {
                mismatched += Long.bitCount(queries.bits()[q * words + w] ^ rb[rw + w]);
            }
            double d = 0.5 * mismatched;
            if (d >= worst) {
                continue; // the categorical part alone already rules this pair out
            }
            int qp = q * p;
            int rp = r * p;
            for (int j = 0; j < p && d < worst; j++) {
                double diff = qn[qp + j] - rn[rp + j];
                d += diff * diff;
            }
            if (d < worst) {
                int pos = k - 1;
                while (pos > 0 && best[base + pos - 1] > d) {
                    best[base + pos] = best[base + pos - 1];
                    index[base + pos] = index[base + pos - 1];
                    pos--;
                }
                best[base + pos] = d;
                index[base + pos] = r;
                worst = best[base + k - 1];
            }
        }
    }

    private interface Block {
        void run(int from, int to);
    }

    private static void forEachBlock(int rows, Block block) {
        int blocks = (rows + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> block.run(b * QUERY_BLOCK, Math.min(rows, (b + 1) * QUERY_BLOCK)));
    }
}
