package dev.genlab.plugin.copula;

import java.util.SplittableRandom;

/**
 * The standard normal distribution, written out so the plugin needs no numerical library and samples the same
 * numbers on every JDK ({@code RandomGenerator.nextGaussian} may change between releases).
 */
final class Normal {
    private static final double SQRT_2PI = 2.5066282746310002;

    private Normal() {
    }

    /**
     * Φ(x) with an absolute error below 1e-15 (relative error up to 1e-8 beyond |x| = 7, where Φ is below 1e-12):
     * Hart's algorithm 5666 as given by G. West, "Better approximations to cumulative normal functions" (2005).
     */
    static double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double a = Math.abs(x);
        double tail;
        if (a > 37) {
            tail = 0;
        } else {
            double e = Math.exp(-a * a / 2);
            if (a < 7.07106781186547) {
                double num = 3.52624965998911e-02 * a + 0.700383064443688;
                num = num * a + 6.37396220353165;
                num = num * a + 33.912866078383;
                num = num * a + 112.079291497871;
                num = num * a + 221.213596169931;
                num = num * a + 220.206867912376;
                double den = 8.83883476483184e-02 * a + 1.75566716318264;
                den = den * a + 16.064177579207;
                den = den * a + 86.7807322029461;
                den = den * a + 296.564248779674;
                den = den * a + 637.333633378831;
                den = den * a + 793.826512519948;
                den = den * a + 440.413735824752;
                tail = e * num / den;
            } else {
                double f = a + 0.65;
                f = a + 4 / f;
                f = a + 3 / f;
                f = a + 2 / f;
                f = a + 1 / f;
                tail = e / f / SQRT_2PI;
            }
        }
        return x > 0 ? 1 - tail : tail;
    }

    /**
     * Φ⁻¹(p), to about 1e-16 relative: Wichura's algorithm AS 241 (PPND16), Applied Statistics 37 (1988).
     * Returns ∓∞ at 0 and 1.
     */
    static double inverseCdf(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability outside [0, 1]: " + p);
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
                    + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
                    + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
                    + 1.3314166789178437745e+2) * r + 3.3871328727963666080e0)
                    / (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
                    + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
                    + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
                    + 4.2313330701600911252e+1) * r + 1.0);
        }
        double r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
        double z;
        if (r <= 5) {
            r -= 1.6;
            z = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                    + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                    + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                    + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
                    / (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                    + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                    + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                    + 2.05319162663775882187e0) * r + 1.0);
        } else {
            r -= 5;
            z = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                    + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                    + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                    + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
                    / (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                    + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                    + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                    + 5.99832206555887937690e-1) * r + 1.0);
        }
        return q < 0 ? -z : z;
    }

    /** A uniform draw from the open interval (0, 1), so that {@link #inverseCdf} stays finite. */
    static double openUniform(SplittableRandom random) {
        return ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** A standard normal draw by inversion. */
    static double draw(SplittableRandom random) {
        return inverseCdf(openUniform(random));
    }

    /**
     * A standard normal draw restricted to [a, b], exactly, by inversion. Works in the lower tail (reflecting when
     * the interval lies above 0) so that intervals far out in either tail keep their precision.
     */
    static double drawTruncated(SplittableRandom random, double a, double b) {
        if (a > 0) {
            return -drawTruncated(random, -b, -a);
        }
        double lo = cdf(a);
        double hi = cdf(b);
        if (!(hi > lo)) {
            // The interval is narrower than double precision can resolve this far out: its midpoint is exact enough.
            return Double.isInfinite(a) ? b : Double.isInfinite(b) ? a : (a + b) / 2;
        }
        double z = inverseCdf(lo + (hi - lo) * openUniform(random));
        return Math.min(Math.max(z, a), b);
    }
}
