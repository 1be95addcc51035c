package dev.genlab.dp;

/**
 * The two special functions the accountants need, accurate to about 1e-14 relative: log|Γ(x)| (as scipy's
 * {@code gammaln}) and log(erfc(x)) without underflow for large x (as {@code log(2) + scipy.special.log_ndtr(-x√2)}).
 */
final class SpecialFunctions {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double STIRLING_FROM = 15;

    private SpecialFunctions() {
    }

    /** log|Γ(x)|; +∞ at 0 and the negative integers. */
    static double logGamma(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            if (x == Math.rint(x)) {
                return Double.POSITIVE_INFINITY;
            }
            // reflection: Γ(x)Γ(1-x) = π / sin(πx)
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        if (x < STIRLING_FROM) {
            // Γ(x) = Γ(x+n) / (x(x+1)...(x+n-1)), with x+n where Stirling's series is exact to double precision
            double product = 1;
            double y = x;
            while (y < STIRLING_FROM) {
                product *= y;
                y += 1;
            }
            return stirling(y) - Math.log(product);
        }
        return stirling(x);
    }

    /** Stirling's series for log Γ(x), x ≥ 15: the first omitted term is below 1e-19. */
    private static double stirling(double x) {
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260 + inv2 * (-1.0 / 1680 + inv2 * (1.0 / 1188
                + inv2 * (-691.0 / 360360 + inv2 * (1.0 / 156 + inv2 * (-3617.0 / 122400))))))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
    }

    /** log(erfc(x)), finite for every finite x. */
    static double logErfc(double x) {
        if (x >= 2) {
            return -x * x - HALF_LOG_PI - Math.log(erfcContinuedFraction(x));
        }
        if (x <= -2) {
            return Math.log(2 - Math.exp(-x * x - HALF_LOG_PI) / erfcContinuedFraction(-x));
        }
        return Math.log(1 - erf(x));
    }

    /** erf(x) for |x| < 2 from its series of positive terms: erf x = 2/√π e^{-x²} Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)). */
    private static double erf(double x) {
        double term = x;
        double sum = x;
        double twoX2 = 2 * x * x;
        for (int n = 1; n < 200; n++) {
            term *= twoX2 / (2 * n + 1);
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }

    /**
     * The continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + …))) = e^{-x²} / (√π erfc x), x ≥ 2, by the modified
     * Lentz method.
     */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = f;
        double d = 0;
        for (int k = 1; k < 100_000; k++) {
            double a = k / 2.0;
            d = x + a * d;
            if (d == 0) {
                d = tiny;
            }
            c = x + a / c;
            if (c == 0) {
                c = tiny;
            }
            d = 1 / d;
            double step = c * d;
            f *= step;
            if (Math.abs(step - 1) < 1e-16) {
                break;
            }
        }
        return f;
    }
}
