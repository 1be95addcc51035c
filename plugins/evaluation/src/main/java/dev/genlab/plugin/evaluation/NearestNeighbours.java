package dev.genlab.plugin.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Exact nearest-neighbour queries under the mixed distance of {@link FeatureEncoder}, without a distance matrix
 * (memory O(rows · k)) and in parallel over blocks of query rows.
 *
 * <p>Reference rows are grouped by their one-hot bits (their categorical signature; Adult's 32,561 training rows have
 * 9,646). Every member of a group is at least {@code ½·popcount(query bits XOR group bits)} — the number of differing
 * categories — away from a query. A k-NN query computes that bound for every group (two XOR + POPCNT per group for
 * Adult), visits the groups best first (a counting sort by the bound) and stops as soon as the bound exceeds its k-th
 * best distance, so only a few hundred rows per query get their numeric part compared. A radius scan skips the groups
 * whose bound puts every member outside its radius. Results are exact: neighbours are ranked by (distance, reference
 * index), so ties keep the lower index and nothing depends on threads.
 */
final class NearestNeighbours {
    private static final int QUERY_BLOCK = 64;

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
        Groups groups = Groups.of(references);
        double[] best = new double[queries.rows() * k];
        int[] index = new int[queries.rows() * k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        Arrays.fill(index, Integer.MAX_VALUE);
        int levels = 64 * groups.words + 1;
        IntStream.range(0, (queries.rows() + QUERY_BLOCK - 1) / QUERY_BLOCK).parallel().forEach(block -> {
            int[] mismatches = new int[groups.count];
            int[] order = new int[groups.count];
            int[] levelStart = new int[levels + 1];
            for (int q = block * QUERY_BLOCK, end = Math.min(queries.rows(), q + QUERY_BLOCK); q < end; q++) {
                // best first: groups by increasing category mismatch (a counting sort), stopping once the mismatch
                // alone is out of reach
                groups.mismatches(queries, q, mismatches);
                Arrays.fill(levelStart, 0);
                for (int g = 0; g < groups.count; g++) {
                    levelStart[mismatches[g] + 1]++;
                }
                for (int level = 0; level < levels; level++) {
                    levelStart[level + 1] += levelStart[level];
                }
                for (int g = 0; g < groups.count; g++) {
                    order[levelStart[mismatches[g]]++] = g;
                }
                for (int i = 0; i < groups.count; i++) {
                    int g = order[i];
                    double bound = 0.5 * mismatches[g];
                    if (bound > best[q * k + k - 1]) {
                        break; // '>': an equally distant row with a lower index may still enter
                    }
                    nearestInGroup(queries, q, groups, g, bound, k, best, index);
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
        Groups groups = Groups.of(references);
        double[] radius = new double[references.rows()];
        double[] groupRadius = new double[groups.count];
        Arrays.fill(groupRadius, Double.NEGATIVE_INFINITY);
        for (int g = 0; g < groups.count; g++) {
            for (int pos = groups.start[g]; pos < groups.start[g + 1]; pos++) {
                radius[pos] = referenceSquaredRadius[groups.original[pos]];
                groupRadius[g] = Math.max(groupRadius[g], radius[pos]);
            }
        }
        int[] within = new int[queries.rows()];
        double[] best = new double[queries.rows()];
        int[] index = new int[queries.rows()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        Arrays.fill(index, Integer.MAX_VALUE);
        int p = groups.numericDims;
        IntStream.range(0, (queries.rows() + QUERY_BLOCK - 1) / QUERY_BLOCK).parallel().forEach(block -> {
            int[] mismatches = new int[groups.count];
            for (int q = block * QUERY_BLOCK, end = Math.min(queries.rows(), q + QUERY_BLOCK); q < end; q++) {
                groups.mismatches(queries, q, mismatches);
                int count = 0;
                double b = Double.POSITIVE_INFINITY;
                int bi = Integer.MAX_VALUE;
                int qp = q * p;
                double[] qn = queries.numeric();
                for (int g = 0; g < groups.count; g++) {
                    double bound = 0.5 * mismatches[g];
                    if (bound >= groupRadius[g] && bound > b) {
                        continue; // no member can be inside its radius or be the nearest
                    }
                    double limit = Math.max(groupRadius[g], b);
                    for (int pos = groups.start[g]; pos < groups.start[g + 1]; pos++) {
                        double d = bound;
                        int rp = pos * p;
                        for (int j = 0; j < p && d <= limit; j++) {
                            double diff = qn[qp + j] - groups.numeric[rp + j];
                            d += diff * diff;
                        }
                        if (d < radius[pos]) {
                            count++;
                        }
                        int r = groups.original[pos];
                        if (d < b || (d == b && r < bi)) {
                            b = d;
                            bi = r;
                            limit = Math.max(groupRadius[g], b);
                        }
                    }
                }
                within[q] = count;
                best[q] = b;
                index[q] = bi;
            }
        });
        return new Scan(within, new Neighbours(1, best, index));
    }

    /** Offers the members of group {@code g} (all at least {@code bound} away) to query {@code q}'s k best. */
    private static void nearestInGroup(EncodedRows queries, int q, Groups groups, int g, double bound, int k, double[] best, int[] index) {
        for (int pos = groups.start[g]; pos < groups.start[g + 1]; pos++) {
            offer(queries, q, groups, pos, bound, k, best, index);
        }
    }

    /** Offers the reference row at {@code pos} to query {@code q}'s k best, ranked by (distance, index). */
    private static void offer(EncodedRows queries, int q, Groups groups, int pos, double bound, int k, double[] best, int[] index) {
        int base = q * k;
        int p = groups.numericDims;
        int qp = q * p;
        int rp = pos * p;
        double[] qn = queries.numeric();
        double worst = best[base + k - 1];
        double d = bound;
        for (int j = 0; j < p && d <= worst; j++) {
            double diff = qn[qp + j] - groups.numeric[rp + j];
            d += diff * diff;
        }
        int r = groups.original[pos];
        if (d < worst || (d == worst && r < index[base + k - 1])) {
            int at = k - 1;
            while (at > 0 && (best[base + at - 1] > d || (best[base + at - 1] == d && index[base + at - 1] > r))) {
                best[base + at] = best[base + at - 1];
                index[base + at] = index[base + at - 1];
                at--;
            }
            best[base + at] = d;
            index[base + at] = r;
        }
    }

    /** Reference rows grouped by identical one-hot bits, members of a group stored contiguously (in index order). */
    private static final class Groups {
        final int count;
        final int words;
        final int numericDims;
        /** Group g's members are positions start[g] .. start[g + 1] - 1. */
        final int[] start;
        final long[] signature;
        /** Reference index of each position. */
        final int[] original;
        /** Numeric coordinates by position. */
        final double[] numeric;

        private Groups(int count, int words, int numericDims, int[] start, long[] signature, int[] original, double[] numeric) {
            this.count = count;
            this.words = words;
            this.numericDims = numericDims;
            this.start = start;
            this.signature = signature;
            this.original = original;
            this.numeric = numeric;
        }

        private record Key(long[] bits) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && Arrays.equals(bits, k.bits);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(bits);
            }
        }

        static Groups of(EncodedRows rows) {
            int words = rows.words();
            int p = rows.numericDims();
            Map<Key, List<Integer>> members = new LinkedHashMap<>();
            for (int r = 0; r < rows.rows(); r++) {
                members.computeIfAbsent(key(rows, r), x -> new ArrayList<>()).add(r);
            }
            int count = members.size();
            int[] start = new int[count + 1];
            long[] signature = new long[count * words];
            int[] original = new int[rows.rows()];
            double[] numeric = new double[rows.rows() * p];
            int g = 0;
            int pos = 0;
            for (Map.Entry<Key, List<Integer>> e : members.entrySet()) {
                System.arraycopy(e.getKey().bits(), 0, signature, g * words, words);
                start[g] = pos;
                for (int r : e.getValue()) {
                    original[pos] = r;
                    System.arraycopy(rows.numeric(), r * p, numeric, pos * p, p);
                    pos++;
                }
                g++;
            }
            start[count] = pos;
            return new Groups(count, words, p, start, signature, original, numeric);
        }

        private static Key key(EncodedRows rows, int r) {
            return new Key(Arrays.copyOfRange(rows.bits(), r * rows.words(), (r + 1) * rows.words()));
        }

        /** For every group, the number of one-hot slots in which it and query row {@code q} differ. */
        void mismatches(EncodedRows queries, int q, int[] out) {
            long[] qb = queries.bits();
            if (words <= 2) { // Adult-sized encodings: the query's bits in registers
                long q0 = qb[q * words];
                long q1 = words == 2 ? qb[q * words + 1] : 0;
                if (words == 1) {
                    for (int g = 0; g < count; g++) {
                        out[g] = Long.bitCount(signature[g] ^ q0);
                    }
                } else {
                    for (int g = 0; g < count; g++) {
                        out[g] = Long.bitCount(signature[2 * g] ^ q0) + Long.bitCount(signature[2 * g + 1] ^ q1);
                    }
                }
                return;
            }
            for (int g = 0; g < count; g++) {
                out[g] = mismatches(g, queries, q);
            }
        }

        /** Number of one-hot slots in which group {@code g} and query row {@code q} differ. */
        int mismatches(int g, EncodedRows queries, int q) {
            long[] qb = queries.bits();
            int n = 0;
            for (int w = 0; w < words; w++) {
                n += Long.bitCount(signature[g * words + w] ^ qb[q * words + w]);
            }
            return n;
        }
    }
}
