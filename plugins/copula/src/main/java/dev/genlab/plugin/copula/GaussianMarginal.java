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
        double sum = 0;
        for (double x : observed) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / observed.length;
        double squares = 0;
        for (double x : observed) {
            squares += (x - mean) * (x - mean);
        }
        double sd = min == max ? 0 : Math.sqrt(squares / observed.length);
        return new GaussianMarginal(min == max ? min : mean, sd, min, max, integral, clip);
    }

    @Override
    public boolean isConstant() {
        return sd == 0;
    }

    @Override
    public double score(double x) {
        return sd == 0 ? 0 : (x - mean) / sd;
    }

    @Override
    public double value(double z) {
        double v = mean + sd * z;
        if (clip) {
            v = Math.min(Math.max(v, min), max);
        }
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
