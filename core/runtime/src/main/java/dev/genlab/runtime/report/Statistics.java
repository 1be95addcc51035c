package dev.genlab.runtime.report;

/** The few statistics reports need; each skips missing values pairwise (NaN, or a missing code below 0). */
final class Statistics {
    private Statistics() {
    }

    /** Pearson's r over the rows where both values are finite; NaN if either side is constant. */
    static double pearson(double[] x, double[] y) {
        long n = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
                mx += x[i];
                my += y[i];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Cramér's V = sqrt(χ² / (n · (min(r, c) − 1))) over the levels that occur, without bias correction. */
    static double cramersV(int[] a, int levelsA, int[] b, int levelsB) {
        long[][] table = new long[levelsA][levelsB];
        long[] rows = new long[levelsA];
        long[] cols = new long[levelsB];
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 0 && b[i] >= 0) {
                table[a[i]][b[i]]++;
                rows[a[i]]++;
                cols[b[i]]++;
                n++;
            }
        }
        int r = 0;
        for (long x : rows) {
            r += x > 0 ? 1 : 0;
        }
        int c = 0;
        for (long x : cols) {
            c += x > 0 ? 1 : 0;
        }
        if (n == 0 || Math.min(r, c) < 2) {
            return Double.NaN;
        }
        double chi2 = 0;
        for (int i = 0; i < levelsA; i++) {
            for (int j = 0; j < levelsB; j++) {
                if (rows[i] > 0 && cols[j] > 0) {
                    double expected = (double) rows[i] * cols[j] / n;
                    double d = table[i][j] - expected;
                    chi2 += d * d / expected;
                }
            }
        }
        return Math.sqrt(chi2 / (n * (Math.min(r, c) - 1.0)));
    }

    /** The correlation ratio η = sqrt(between-group sum of squares / total sum of squares) of y grouped by codes. */
    static double correlationRatio(int[] codes, int levels, double[] y) {
        double[] sums = new double[levels];
        long[] counts = new long[levels];
        double total = 0;
        long n = 0;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0 && Double.isFinite(y[i])) {
                sums[codes[i]] += y[i];
                counts[codes[i]]++;
                total += y[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = total / n;
        double between = 0;
        for (int k = 0; k < levels; k++) {
            if (counts[k] > 0) {
                double d = sums[k] / counts[k] - mean;
                between += counts[k] * d * d;
            }
        }
        double all = 0;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0 && Double.isFinite(y[i])) {
                double d = y[i] - mean;
                all += d * d;
            }
        }
        return all == 0 ? Double.NaN : Math.sqrt(between / all);
    }
}
