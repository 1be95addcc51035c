package dev.genlab.plugin.copula;

import java.io.DataOutput;
import java.io.IOException;

/** The distribution of one numeric column on its own, and its map to and from normal scores. */
sealed interface NumericColumnMarginal permits EmpiricalMarginal, GaussianMarginal {
    /** True if the column has one value only: it gets no latent dimension and always samples that value. */
    boolean isConstant();

    /** The normal score of training value {@code x}. */
    double score(double x);

    /** The value for normal score {@code z}, rounded for integral columns and within the training range. */
    double value(double z);

    void write(DataOutput out) throws IOException;

    /** Rounds for integral columns, keeping the result within [min, max] when a whole number lies there. */
    static double round(double v, double min, double max) {
        double r = Math.rint(v);
        double lo = Math.ceil(min);
        double hi = Math.floor(max);
        if (lo <= hi) {
            r = Math.min(Math.max(r, lo), hi);
        }
        return r == 0 ? 0.0 : r; // no -0.0
    }
}
