package dev.genlab.plugin.copula;

/**
 * A partition of the latent normal line into consecutive intervals, one per group (a category, a distinct value,
 * "present"/"missing"), each as probable as the group's share of the training data. A group's normal score is its
 * conditional mean E[z | z in its interval]: the mid-rank idea made exact for a normal, and the quantity the
 * correlation estimator's moment equations are written in.
 */
final class Intervals {
    private final double[] upper;
    private final double[] means;
    private final double variance;

    /** @param counts positive counts of the groups, in interval order */
    Intervals(long[] counts) {
        int k = counts.length;
        long total = 0;
        for (long c : counts) {
            if (c <= 0) {
                throw new IllegalArgumentException("interval counts must be positive");
            }
            total += c;
        }
        upper = new double[k];
        means = new double[k];
        double variance = 0;
        long cumulative = 0;
        double densityBelow = 0; // φ at the lower end of the current interval
        for (int g = 0; g < k; g++) {
            cumulative += counts[g];
            upper[g] = g == k - 1 ? Double.POSITIVE_INFINITY : Normal.inverseCdf((double) cumulative / total);
            double densityAbove = g == k - 1 ? 0 : density(upper[g]);
            double p = (double) counts[g] / total;
            means[g] = (densityBelow - densityAbove) / p;
            variance += p * means[g] * means[g];
            densityBelow = densityAbove;
        }
        this.variance = variance;
    }

    private static double density(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    int size() {
        return upper.length;
    }

    double lower(int group) {
        return group == 0 ? Double.NEGATIVE_INFINITY : upper[group - 1];
    }

    double upper(int group) {
        return upper[group];
    }

    /** E[z | group]. */
    double mean(int group) {
        return means[group];
    }

    /** Variance of the group means, Σ p m²: 1 for a continuum, 2/π for a fair coin. Their mean is 0. */
    double variance() {
        return variance;
    }

    /** The group whose interval holds {@code z}. */
    int group(double z) {
        int lo = 0;
        int hi = upper.length - 1;
        while (lo < hi) { // first interval whose upper bound is above z
            int mid = (lo + hi) >>> 1;
            if (upper[mid] > z) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
