package dev.genlab.plugin.image;

/**
 * Eigendecomposition {@code S = V diag(λ) Vᵀ} of a real symmetric matrix by the cyclic Jacobi method (Golub &amp; Van
 * Loan, Matrix Computations, §8.5): plane rotations zero the off-diagonal entries sweep by sweep until they are
 * negligible against the diagonal. Accurate and simple; O(n³) per sweep, fine for the 64-wide feature covariances
 * used here.
 *
 * @param values  eigenvalues (unsorted)
 * @param vectors the eigenvectors as columns: {@code vectors[k][i]} is component k of vector i
 */
record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 100;

    static SymmetricEigen of(double[][] s) {
        int n = s.length;
        double[][] a = new double[n][];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (s[i].length != n) {
                throw new IllegalArgumentException("matrix is not square");
            }
            a[i] = s[i].clone();
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int p = 0; p < n; p++) {
                diagonal += a[p][p] * a[p][p];
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off == 0 || off <= 1e-30 * diagonal) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Double.isInfinite(theta * theta)
                            ? 1 / (2 * theta)
                            : Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    double[] ap = a[p];
                    double[] aq = a[q];
                    for (int k = 0; k < n; k++) {
                        double apk = ap[k];
                        double aqk = aq[k];
                        ap[k] = c * apk - sn * aqk;
                        aq[k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - sn * vkq;
                        v[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    /** {@code V diag(√max(λ, 0)) Vᵀ}: the positive semi-definite square root. */
    double[][] sqrt() {
        int n = values.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            double r = Math.sqrt(Math.max(values[i], 0));
            if (r == 0) {
                continue;
            }
            for (int k = 0; k < n; k++) {
                double vk = vectors[k][i] * r;
                if (vk == 0) {
                    continue;
                }
                for (int l = 0; l < n; l++) {
                    out[k][l] += vk * vectors[l][i];
                }
            }
        }
        return out;
    }
}
