package dev.genlab.plugin.copula;

import java.io.DataOutput;
import java.io.IOException;

/** A normal distribution fitted to a numeric column by its mean and standard deviation. */
final class GaussianMarginal implements NumericColumnMarginal {
    private final double mean;
    private final double sd;
    private final double min;
    private final double max;
    private final boolean integral;
    private final boolean clip;

    GaussianMarginal(double mean, double sd, double min, double max, boolean integral, boolean clip) {
        if (!Double.isFinite(mean) || !(sd >= 0) || !Double.isFinite(sd) || !(min <= max)) {
            throw new IllegalArgumentException("gaussian marginal needs a finite mean, sd >= 0 and min <= max");
        }
        this.mean = mean;
        this.sd = sd;
        this.min = min;
        this.max = max;
        this.integral = integral;
        this.clip = clip;
    }

    /** The marginal of {@code observed} (finite values). */
    static GaussianMarginal fit(double[] observed, boolean integral, boolean clip) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : observed) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (min == max) {
            return new GaussianMarginal(min, 0, min, max, integral, clip);
        }
        double[] moments = moments(observed, 1);
        if (!Double.isFinite(moments[0]) || !Double.isFinite(moments[1])) {
            // values near ±1e300: their sum or squares overflow, those of the values over the largest magnitude cannot
            double scale = Math.max(Math.abs(min), Math.abs(max));
            moments = moments(observed, scale);
            moments[0] *= scale;
            moments[1] *= scale;
        }
        return new GaussianMarginal(moments[0], moments[1], min, max, integral, clip);
    }

    /** {mean, standard deviation} of {@code observed} divided by {@code scale}. */
    private static double[] moments(double[] observed, double scale) {
        double sum = 0;
        for (double x : observed) {
            sum += x / scale;
        }
        double mean = sum / observed.length;
        double squares = 0;
        for (double x : observed) {
            squares += (x / scale - mean) * (x / scale - mean);
        }
        return new double[] {mean, Math.sqrt(squares / observed.length)};
    }

    @Override
    public boolean isConstant() {
        return sd == 0;
    }

    @Override
    public double score(double x) {
        if (sd == 0) {
            return 0;
        }
        double d = x - mean;
        return Double.isFinite(d) ? d / sd : x / sd - mean / sd; // x - mean overflows for values near ±Double.MAX_VALUE
    }

    @Override
    public double value(double z) {
        double v = mean + sd * z;
        // never beyond the finite doubles, even unclipped (a column near ±Double.MAX_VALUE)
        v = clip ? Math.min(Math.max(v, min), max) : Math.min(Math.max(v, -Double.MAX_VALUE), Double.MAX_VALUE);
        if (integral) {
            v = clip ? NumericColumnMarginal.round(v, min, max) : Math.rint(v) + 0.0;
        }
        return v;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeBoolean(integral);
        out.writeBoolean(clip);
        out.writeDouble(mean);
        out.writeDouble(sd);
        out.writeDouble(min);
        out.writeDouble(max);
    }
}
