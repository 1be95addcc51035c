package dev.genlab.plugin.copula;

import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The distribution of a categorical column (or of a missing-value indicator), as in SDV: the levels, most
 * frequent first, split the latent normal line into intervals as probable as the levels; a normal score samples
 * the level whose interval holds it. Levels never seen in training get no interval and are never sampled.
 */
final class CategoricalMarginal {
    private final long[] counts;
    /** Levels with a positive count, in interval order, and each level's place in it (-1 if unseen). */
    private final int[] order;
    private final int[] group;
    private final Intervals intervals;

    CategoricalMarginal(long[] counts) {
        this.counts = counts.clone();
        long total = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative level count");
            }
            total += c;
        }
        if (total == 0) {
            throw new IllegalArgumentException("categorical marginal needs at least one observation");
        }
        List<Integer> seen = new ArrayList<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                seen.add(code);
            }
        }
        seen.sort(Comparator.comparingLong((Integer code) -> -counts[code]).thenComparingInt(code -> code));
        this.order = seen.stream().mapToInt(Integer::intValue).toArray();
        this.group = new int[counts.length];
        Arrays.fill(group, -1);
        long[] ordered = new long[order.length];
        for (int g = 0; g < order.length; g++) {
            group[order[g]] = g;
            ordered[g] = counts[order[g]];
        }
        this.intervals = new Intervals(ordered);
    }

    /** Counts of {@code codes} (missing codes are skipped) over {@code levels} levels. */
    static CategoricalMarginal fit(int[] codes, int levels) {
        long[] counts = new long[levels];
        for (int code : codes) {
            if (code >= 0) {
                counts[code]++;
            }
        }
        return new CategoricalMarginal(counts);
    }

    int levels() {
        return counts.length;
    }

    long count(int code) {
        return counts[code];
    }

    /** True if one level holds every observation. */
    boolean isConstant() {
        return order.length == 1;
    }

    Intervals intervals() {
        return intervals;
    }

    /** Lower end of the interval of {@code code} as a normal score; NaN for a level never seen. */
    double lower(int code) {
        return group[code] < 0 ? Double.NaN : intervals.lower(group[code]);
    }

    /** Upper end of the interval of {@code code} as a normal score; NaN for a level never seen. */
    double upper(int code) {
        return group[code] < 0 ? Double.NaN : intervals.upper(group[code]);
    }

    /** The normal score of an observation of {@code code}: the mean of its interval. */
    double score(int code) {
        if (group[code] < 0) {
            throw new IllegalArgumentException("level " + code + " was not counted");
        }
        return intervals.mean(group[code]);
    }

    /** The level whose interval holds normal score {@code z}. */
    int code(double z) {
        return order[intervals.group(z)];
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(counts.length);
        for (long c : counts) {
            out.writeLong(c);
        }
    }
}
