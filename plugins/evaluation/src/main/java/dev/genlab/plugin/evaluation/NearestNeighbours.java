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
 * categories — away from a query, so a whole group is skipped when that bound already exceeds the k-th best distance
 * found so far; the query's own signature group is searched first to make the bound bite early. Results are exact:
 * neighbours are ranked by (distance, reference index), so ties keep the lower index and nothing depends on threads.
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
        forEachBlock(queries.rows(), q -> {
            int own = groups.find(queries, q);
            if (own >= 0) {
                nearestInGroup(queries, q, groups, own, 0, k, best, index);
            }
            for (int g = 0; g < groups.count; g++) {
                if (g == own) {
                    continue;
                }
                double bound = 0.5 * groups.mismatches(g, queries, q);
                if (bound <= best[q * k + k - 1]) { // '<=': an equally distant row with a lower index may still enter
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
        forEachBlock(queries.rows(), q -> {
            int count = 0;
            double b = Double.POSITIVE_INFINITY;
            int bi = Integer.MAX_VALUE;
            int qp = q * p;
            double[] qn = queries.numeric();
            for (int g = 0; g < groups.count; g++) {
                double bound = 0.5 * groups.mismatches(g, queries, q);
                if (bound >= groupRadius[g] && bound > b) {
                    continue;
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
        });
        return new Scan(within, new Neighbours(1, best, index));
    }

    /** Offers the members of group {@code g} (all at least {@code bound} away) to query {@code q}'s k best. */
    private static void nearestInGroup(EncodedRows queries, int q, Groups groups, int g, double bound, int k, double[] best, int[] index) {
        int base = q * k;
        int p = groups.numericDims;
        int qp = q * p;
        double[] qn = queries.numeric();
        double worst = best[base + k - 1];
        int worstIndex = index[base + k - 1];
        for (int pos = groups.start[g]; pos < groups.start[g + 1]; pos++) {
            double d = bound;
            int rp = pos * p;
            for (int j = 0; j < p && d <= worst; j++) {
                double diff = qn[qp + j] - groups.numeric[rp + j];
                d += diff * diff;
            }
            int r = groups.original[pos];
            if (d < worst || (d == worst && r < worstIndex)) {
                int at = k - 1;
                while (at > 0 && (best[base + at - 1] > d || (best[base + at - 1] == d && index[base + at - 1] > r))) {
                    best[base + at] = best[base + at - 1];
                    index[base + at] = index[base + at - 1];
                    at--;
                }
                best[base + at] = d;
                index[base + at] = r;
                worst = best[base + k - 1];
                worstIndex = index[base + k - 1];
            }
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
        private final Map<Key, Integer> byKey;

        private Groups(int count, int words, int numericDims, int[] start, long[] signature, int[] original, double[] numeric, Map<Key, Integer> byKey) {
            this.count = count;
            this.words = words;
            this.numericDims = numericDims;
            this.start = start;
            this.signature = signature;
            this.original = original;
            this.numeric = numeric;
            this.byKey = byKey;
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
            Map<Key, Integer> byKey = new java.util.HashMap<>();
            int g = 0;
            int pos = 0;
            for (Map.Entry<Key, List<Integer>> e : members.entrySet()) {
                byKey.put(e.getKey(), g);
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
            return new Groups(count, words, p, start, signature, original, numeric, byKey);
        }

        private static Key key(EncodedRows rows, int r) {
            return new Key(Arrays.copyOfRange(rows.bits(), r * rows.words(), (r + 1) * rows.words()));
        }

        /** The group with query row {@code q}'s bits, or -1. */
        int find(EncodedRows queries, int q) {
            Integer g = byKey.get(key(queries, q));
            return g == null ? -1 : g;
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

    private interface PerQuery {
        void run(int query);
    }

    private static void forEachBlock(int rows, PerQuery body) {
        int blocks = (rows + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            for (int q = b * QUERY_BLOCK, end = Math.min(rows, q + QUERY_BLOCK); q < end; q++) {
                body.run(q);
            }
        });
    }
}
