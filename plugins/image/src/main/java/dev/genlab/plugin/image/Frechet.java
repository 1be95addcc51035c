package dev.genlab.plugin.image;

/**
 * The Fréchet distance between Gaussian fits of two feature sets (the formula of FID, Heusel et al. 2017):
 * {@code |μ1 − μ2|² + tr(Σ1) + tr(Σ2) − 2 tr((Σ1 Σ2)^½)}. Covariances are unbiased ({@code n − 1}, as
 * {@code numpy.cov}). The trace term is computed stably as {@code tr((Σ1^½ Σ2 Σ1^½)^½)}, a symmetric positive
 * semi-definite matrix with the same eigenvalues as {@code Σ1 Σ2}, through two symmetric eigendecompositions;
 * eigenvalues that rounding makes slightly negative count as 0.
 */
public final class Frechet {
    private Frechet() {
    }

    /** Distance between rows of {@code a} and rows of {@code b} (same width); NaN if either side has fewer than 2 rows. */
    public static double distance(double[][] a, double[][] b) {
        if (a.length < 2 || b.length < 2) {
            return Double.NaN;
        }
        int d = a[0].length;
        if (b[0].length != d) {
            throw new IllegalArgumentException("feature widths differ: " + d + " and " + b[0].length);
        }
        double[] mu1 = mean(a);
        double[] mu2 = mean(b);
        double[][] s1 = covariance(a, mu1);
        double[][] s2 = covariance(b, mu2);
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            meanTerm += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]);
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += s1[i][i] + s2[i][i];
        }
        double[][] root1 = SymmetricEigen.of(s1).sqrt();
        double[][] m = multiply(multiply(root1, s2), root1);
        symmetrize(m);
        double traceRoot = 0;
        for (double lambda : SymmetricEigen.of(m).values()) {
            traceRoot += Math.sqrt(Math.max(lambda, 0));
        }
        return Math.max(0, meanTerm + trace - 2 * traceRoot);
    }

    static double[] mean(double[][] x) {
        double[] mu = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= x.length;
        }
        return mu;
    }

    static double[][] covariance(double[][] x, double[] mu) {
        int d = mu.length;
        double[][] c = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mu[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                if (ci == 0) {
                    continue;
                }
                double[] ri = c[i];
                for (int j = i; j < d; j++) {
                    ri[j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= x.length - 1;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                double ail = a[i][l];
                if (ail == 0) {
                    continue;
                }
                double[] bl = b[l];
                double[] oi = out[i];
                for (int j = 0; j < m; j++) {
                    oi[j] += ail * bl[j];
                }
            }
        }
        return out;
    }

    private static void symmetrize(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double v = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = v;
                m[j][i] = v;
            }
        }
    }
}
