package dev.genlab.dp;

/** The argument checks every accountant shares; each names the parameter and its valid range. */
final class PrivacyArguments {
    private PrivacyArguments() {
    }

    static double epsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a positive finite number, got " + epsilon);
        }
        return epsilon;
    }

    static double delta(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        return delta;
    }

    static double samplingRate(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("sampling rate q must be in (0, 1], got " + q);
        }
        return q;
    }

    static double noiseMultiplier(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise multiplier sigma must be a positive finite number, got " + sigma);
        }
        return sigma;
    }

    static long steps(long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        return steps;
    }

    static double rho(double rho) {
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("rho must be a non-negative finite number, got " + rho);
        }
        return rho;
    }

    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + value);
        }
        return value;
    }
}
