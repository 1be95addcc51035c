package dev.genlab.plugin.fidelity;

import java.util.Arrays;

/** The statistics the fidelity metric is made of, each in one place. NaN means "not defined for this data". */
final class Statistics {
    /**
     * Above this many cells per row a joint table is counted by sorting cell keys instead of in a dense array, so
     * two high-cardinality categorical columns never allocate a huge table.
     */
    private static final long DENSE_CELLS_PER_ROW = 4;

    private Statistics() {
    }

    /** The values that are not NaN, sorted ascending. */
    static double[] sortedPresent(double[] values) {
        double[] out = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                out[n++] = v;
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    /**
     * The two-sample Kolmogorov–Smirnov statistic D = sup_x |F_a(x) − F_b(x)| of two sorted samples, as
     * {@code scipy.stats.ks_2samp(a, b).statistic}: one merge pass over both, evaluating the empirical CDFs just
     * after each distinct value (where the supremum is attained). NaN if either sample is empty.
     */
    static double ksStatistic(double[] sortedA, double[] sortedB) {
        int n = sortedA.length;
        int m = sortedB.length;
        if (n == 0 || m == 0) {
            return Double.NaN;
        }
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < n && j < m) {
            double v = Math.min(sortedA[i], sortedB[j]);
            while (i < n && sortedA[i] <= v) {
                i++;
            }
            while (j < m && sortedB[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / n - (double) j / m));
        }
        // Once one sample is used up its CDF is 1 and the other's only grows towards 1: no larger gap is left.
        return d;
    }

    /**
     * Total variation distance ½·Σ_k |p_k − q_k| between the distributions of two count vectors over the same
     * categories, each normalised by its own total. NaN if either is all zero.
     */
    static double totalVariation(long[] p, long[] q) {
        long sp = 0;
        long sq = 0;
        for (int k = 0; k < p.length; k++) {
            sp += p[k];
            sq += q[k];
        }
        if (sp == 0 || sq == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            sum += Math.abs((double) p[k] / sp - (double) q[k] / sq);
        }
        return sum / 2;
    }

    /**
     * Total variation distance between the joint distributions of two discrete columns (category indices in
     * {@code [0, cardinalityA)} and {@code [0, cardinalityB)}) in a real and a synthetic table. O(rows) with a dense
     * table when it is small, O(rows·log rows) by sorting cell keys otherwise.
     */
    static double jointTotalVariation(int[] aReal, int[] bReal, int[] aSynthetic, int[] bSynthetic, int cardinalityA, int cardinalityB) {
        long cells = (long) cardinalityA * cardinalityB;
        if (cells <= Math.max(1024, DENSE_CELLS_PER_ROW * (aReal.length + aSynthetic.length))) {
            return totalVariation(denseCounts(aReal, bReal, cardinalityB, (int) cells), denseCounts(aSynthetic, bSynthetic, cardinalityB, (int) cells));
        }
        long[] real = sortedKeys(aReal, bReal, cardinalityB);
        long[] synthetic = sortedKeys(aSynthetic, bSynthetic, cardinalityB);
        if (real.length == 0 || synthetic.length == 0) {
            return Double.NaN;
        }
        double n = real.length;
        double m = synthetic.length;
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < real.length || j < synthetic.length) {
            long key = j == synthetic.length || (i < real.length && real[i] <= synthetic[j]) ? real[i] : synthetic[j];
            int ci = 0;
            while (i < real.length && real[i] == key) {
                i++;
                ci++;
            }
            int cj = 0;
            while (j < synthetic.length && synthetic[j] == key) {
                j++;
                cj++;
            }
            sum += Math.abs(ci / n - cj / m);
        }
        return sum / 2;
    }

    private static long[] denseCounts(int[] a, int[] b, int cardinalityB, int cells) {
        long[] counts = new long[cells];
        for (int r = 0; r < a.length; r++) {
            counts[a[r] * cardinalityB + b[r]]++;
        }
        return counts;
    }

    private static long[] sortedKeys(int[] a, int[] b, int cardinalityB) {
        long[] keys = new long[a.length];
        for (int r = 0; r < a.length; r++) {
            keys[r] = (long) a[r] * cardinalityB + b[r];
        }
        Arrays.sort(keys);
        return keys;
    }

    /**
     * Pearson's correlation over the rows where both values are present (pairwise complete). NaN if fewer than two
     * such rows or if either column is constant on them: the coefficient is undefined there, and computing it
     * anyway would turn rounding noise into a correlation.
     */
    static double pearson(double[] x, double[] y) {
        double[][] complete = completeRows(x, y);
        return pearsonOfComplete(complete[0], complete[1]);
    }

    /** Spearman's correlation: Pearson's of average ranks, ranked within the pairwise-complete rows. */
    static double spearman(double[] x, double[] y) {
        double[][] complete = completeRows(x, y);
        return pearsonOfComplete(averageRanks(complete[0]), averageRanks(complete[1]));
    }

    /** Pearson's correlation of two columns without missing values (e.g. ranks); NaN if either is constant. */
    static double pearsonOfComplete(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || isConstant(x) || isConstant(y)) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        for (int r = 0; r < n; r++) {
            sx += x[r];
            sy += y[r];
        }
        double mx = sx / n;
        double my = sy / n;
        double cxy = 0;
        double cxx = 0;
        double cyy = 0;
        for (int r = 0; r < n; r++) {
            double dx = x[r] - mx;
            double dy = y[r] - my;
            cxy += dx * dy;
            cxx += dx * dx;
            cyy += dy * dy;
        }
        if (cxx == 0 || cyy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, cxy / Math.sqrt(cxx * cyy)));
    }

    private static boolean isConstant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    private static double[][] completeRows(double[] x, double[] y) {
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        int n = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                a[n] = x[r];
                b[n++] = y[r];
            }
        }
        return new double[][] {Arrays.copyOf(a, n), Arrays.copyOf(b, n)};
    }

    /**
     * 1-based ranks of values without NaN, ties sharing their mean rank ({@code scipy.stats.rankdata}'s
     * "average"): a group of equal values at sorted positions {@code lo..hi-1} all rank {@code (lo + 1 + hi) / 2}.
     * O(n log n) with a primitive sort.
     */
    static double[] averageRanks(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] groupRank = new double[sorted.length];
        for (int lo = 0; lo < sorted.length;) {
            int hi = lo + 1;
            while (hi < sorted.length && sorted[hi] == sorted[lo]) {
                hi++;
            }
            groupRank[lo] = (lo + 1 + hi) / 2.0;
            lo = hi;
        }
        double[] ranks = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            ranks[i] = groupRank[countBelow(sorted, values[i])];
        }
        return ranks;
    }

    /** Number of sorted values {@code < v}. Comparisons, not {@code Double.compare}, so −0.0 ties with 0.0. */
    private static int countBelow(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of sorted values {@code <= v}. */
    static int countAtMost(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
