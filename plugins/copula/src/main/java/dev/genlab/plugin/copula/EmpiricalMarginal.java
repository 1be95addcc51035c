package dev.genlab.plugin.copula;

import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The empirical distribution of a numeric column. Each distinct value owns an interval of the latent normal line
 * as probable as its share of the training values, and its normal score is the interval's mean (the mid-rank
 * score, exact for ties). Sampling inverts the ECDF, the sorted values at plotting positions i/(m+1), by linear
 * interpolation between neighbours, so samples stay within [min, max] and keep point masses (e.g. many zeros).
 * Only the distinct values and their cumulative counts are kept.
 */
final class EmpiricalMarginal implements NumericColumnMarginal {
    private final double[] values;
    private final int[] cumulative;
    private final boolean integral;
    private final int count;
    private final Intervals intervals;

    /**
     * @param values     distinct values, strictly increasing
     * @param cumulative cumulative[j] = number of training values ≤ values[j]; strictly increasing, positive
     */
    EmpiricalMarginal(double[] values, int[] cumulative, boolean integral) {
        if (values.length == 0 || values.length != cumulative.length) {
            throw new IllegalArgumentException("empirical marginal needs as many cumulative counts as values, and at least one");
        }
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j]) || (j > 0 && !(values[j] > values[j - 1]))) {
                throw new IllegalArgumentException("empirical marginal values must be finite and strictly increasing");
            }
            if (cumulative[j] <= (j == 0 ? 0 : cumulative[j - 1])) {
                throw new IllegalArgumentException("empirical marginal counts must be strictly increasing");
            }
        }
        this.values = values.clone();
        this.cumulative = cumulative.clone();
        this.integral = integral;
        this.count = cumulative[cumulative.length - 1];
        long[] counts = new long[values.length];
        for (int j = 0; j < values.length; j++) {
            counts[j] = cumulative[j] - (j == 0 ? 0 : cumulative[j - 1]);
        }
        this.intervals = new Intervals(counts);
    }

    /** The marginal of {@code observed} (finite values; sorted in place). */
    static EmpiricalMarginal fit(double[] observed, boolean integral) {
        Arrays.sort(observed);
        double[] distinct = new double[observed.length];
        int[] cumulative = new int[observed.length];
        int k = 0;
        for (int i = 0; i < observed.length; i++) {
            if (k == 0 || observed[i] != distinct[k - 1]) {
                distinct[k++] = observed[i];
            }
            cumulative[k - 1] = i + 1;
        }
        return new EmpiricalMarginal(Arrays.copyOf(distinct, k), Arrays.copyOf(cumulative, k), integral);
    }

    @Override
    public boolean isConstant() {
        return values.length == 1;
    }

    @Override
    public double score(double x) {
        int j = Arrays.binarySearch(values, x);
        if (j < 0) {
            throw new IllegalArgumentException(x + " is not a training value");
        }
        return intervals.mean(j);
    }

    Intervals intervals() {
        return intervals;
    }

    @Override
    public double value(double z) {
        if (values.length == 1) {
            return values[0];
        }
        double h = Normal.cdf(z) * (count + 1.0) - 1; // 0-based position among the sorted training values
        double v;
        if (!(h > 0)) {
            v = values[0];
        } else if (h >= count - 1) {
            v = values[values.length - 1];
        } else {
            int i = (int) h;
            double frac = h - i;
            double lo = valueAt(i);
            double hi = valueAt(i + 1);
            double step = hi - lo;
            // the step overflows between values near ±Double.MAX_VALUE; the weighted sum cannot
            v = frac == 0 ? lo : Double.isFinite(step) ? lo + frac * step : Math.min(hi, Math.max(lo, lo * (1 - frac) + hi * frac));
        }
        return integral ? NumericColumnMarginal.round(v, values[0], values[values.length - 1]) : v;
    }

    /** The i-th (0-based) training value in sorted order. */
    private double valueAt(int i) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) { // first j with cumulative[j] > i
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > i) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return values[lo];
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeBoolean(integral);
        out.writeInt(values.length);
        for (int j = 0; j < values.length; j++) {
            out.writeDouble(values[j]);
            out.writeInt(cumulative[j]);
        }
    }
}
