package dev.genlab.plugin.fidelity;

import java.util.Arrays;

/** The few statistics the fidelity metric needs, each in one place. */
final class Statistics {
    private Statistics() {
    }

    /** Values that are not NaN, sorted. */
    static double[] sortedPresent(double[] values) {
        double[] out = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(out);
        return out;
    }

    /**
     * Two-sample Kolmogorov-Smirnov statistic sup|F_a - F_b| of two sorted samples (scipy.stats.ks_2samp's
     * statistic); NaN if either is empty.
     */
    static double ksStatistic(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return Double.NaN;
        }
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double v = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= v) {
                i++;
            }
            while (j < b.length && b[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    /** Total variation distance ½·Σ|p − q| between two count vectors (each normalised by its own total). */
    static double totalVariation(long[] p, long[] q) {
        double sp = 0;
        double sq = 0;
        for (int k = 0; k < p.length; k++) {
            sp += p[k];
            sq += q[k];
        }
        if (sp == 0 || sq == 0) {
            return Double.NaN;
        }
        double tv = 0;
        for (int k = 0; k < p.length; k++) {
            tv += Math.abs(p[k] / sp - q[k] / sq);
        }
        return tv / 2;
    }

    /** Pearson correlation over rows where both are present; NaN if fewer than 2 such rows or a constant column. */
    static double pearson(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                sx += x[r];
                sy += y[r];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double cxy = 0;
        double cxx = 0;
        double cyy = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                double dx = x[r] - mx;
                double dy = y[r] - my;
                cxy += dx * dy;
                cxx += dx * dx;
                cyy += dy * dy;
            }
        }
        return cxx == 0 || cyy == 0 ? Double.NaN : cxy / Math.sqrt(cxx * cyy);
    }

    /** Average ranks (ties share their mean rank, as scipy.stats.rankdata); NaN stays NaN. */
    static double[] ranks(double[] values) {
        Integer[] idx = new Integer[values.length];
        int present = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                idx[present++] = i;
            }
        }
        Integer[] order = Arrays.copyOf(idx, present);
        Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
        double[] out = new double[values.length];
        Arrays.fill(out, Double.NaN);
        int i = 0;
        while (i < present) {
            int j = i;
            while (j + 1 < present && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                out[order[k]] = rank;
            }
            i = j + 1;
        }
        return out;
    }

    /** Spearman correlation: Pearson of average ranks over rows where both are present. */
    static double spearman(double[] x, double[] y) {
        int n = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                n++;
            }
        }
        double[] a = new double[n];
        double[] b = new double[n];
        int k = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                a[k] = x[r];
                b[k++] = y[r];
            }
        }
        return pearson(ranks(a), ranks(b));
    }
}
