package dev.genlab.plugin.image;

/**
 * Precision, recall, density and coverage of Naeem et al. 2020 ("Reliable Fidelity and Diversity Metrics for
 * Generative Models"), exactly as the reference {@code prdc} package computes them: Euclidean distances, each
 * sample's k-NN radius within its own set (itself excluded), strict {@code <} comparisons.
 *
 * @param precision share of synthetic samples inside some real sample's k-NN ball
 * @param recall    share of real samples inside some synthetic sample's k-NN ball
 * @param density   mean number of real k-NN balls holding a synthetic sample, divided by k
 * @param coverage  share of real samples whose k-NN ball holds a synthetic sample
 */
public record Prdc(double precision, double recall, double density, double coverage) {
    /** NaN values when either side has no more than {@code k} rows. */
    public static Prdc of(double[][] real, double[][] fake, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (real.length <= k || fake.length <= k) {
            return new Prdc(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] realRadii = radii(real, k);
        double[] fakeRadii = radii(fake, k);
        double[][] cross = new double[real.length][fake.length];
        for (int i = 0; i < real.length; i++) {
            for (int j = 0; j < fake.length; j++) {
                cross[i][j] = distance(real[i], fake[j]);
            }
        }
        int precise = 0;
        long inBalls = 0;
        for (int j = 0; j < fake.length; j++) {
            int count = 0;
            for (int i = 0; i < real.length; i++) {
                if (cross[i][j] < realRadii[i]) {
                    count++;
                }
            }
            precise += count > 0 ? 1 : 0;
            inBalls += count;
        }
        int recalled = 0;
        int covered = 0;
        for (int i = 0; i < real.length; i++) {
            boolean inFakeBall = false;
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < fake.length; j++) {
                inFakeBall |= cross[i][j] < fakeRadii[j];
                nearest = Math.min(nearest, cross[i][j]);
            }
            recalled += inFakeBall ? 1 : 0;
            covered += nearest < realRadii[i] ? 1 : 0;
        }
        return new Prdc((double) precise / fake.length, (double) recalled / real.length,
                inBalls / (double) k / fake.length, (double) covered / real.length);
    }

    /** Distance from each row to its k-th nearest other row. */
    static double[] radii(double[][] x, int k) {
        double[] radii = new double[x.length];
        double[] row = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                row[j] = distance(x[i], x[j]);
            }
            // the prdc package takes the (k+1)-th smallest distance including the point's own 0
            row[i] = -1;
            double[] sorted = row.clone();
            java.util.Arrays.sort(sorted);
            radii[i] = sorted[k];
        }
        return radii;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double t = a[d] - b[d];
            s += t * t;
        }
        return Math.sqrt(s);
    }
}
