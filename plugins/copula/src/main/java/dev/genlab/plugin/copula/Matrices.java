package dev.genlab.plugin.copula;

/** The little dense linear algebra the copula needs, on small symmetric matrices. */
final class Matrices {
    private Matrices() {
    }

    /**
     * The lower-triangular L with L Lᵀ = a, or null if a pivot (a conditional variance) falls to
     * {@code minPivot} or below, i.e. a is not (comfortably) positive definite.
     */
    static double[][] cholesky(double[][] a, double minPivot) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double s = a[j][j];
            for (int k = 0; k < j; k++) {
                s -= l[j][k] * l[j][k];
            }
            if (!(s > minPivot)) {
                return null;
            }
            double ljj = Math.sqrt(s);
            l[j][j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[i][j];
                for (int k = 0; k < j; k++) {
                    t -= l[i][k] * l[j][k];
                }
                l[i][j] = t / ljj;
            }
        }
        return l;
    }

    /** Eigen-decomposition of a symmetric matrix. */
    record Eigen(double[] values, double[][] vectors) {
    }

    /** Cyclic Jacobi rotations: slow for big matrices but simple and accurate; columns of vectors are eigenvectors. */
    static Eigen symmetricEigen(double[][] matrix) {
        int d = matrix.length;
        double[][] a = copy(matrix);
        double[][] v = identity(d);
        double scale = 0;
        for (double[] row : a) {
            for (double x : row) {
                scale += x * x;
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * scale) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) { // A J
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) { // Jᵀ (A J)
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i][i];
        }
        return new Eigen(values, v);
    }

    /**
     * A valid correlation matrix near {@code r}: eigenvalues raised to at least {@code minEigenvalue}, then
     * rescaled to a unit diagonal.
     */
    static double[][] clipEigenvalues(double[][] r, double minEigenvalue) {
        int d = r.length;
        Eigen eigen = symmetricEigen(r);
        double[][] v = eigen.vectors();
        double[] lambda = eigen.values().clone();
        for (int i = 0; i < d; i++) {
            lambda[i] = Math.max(lambda[i], minEigenvalue);
        }
        double[][] b = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += v[i][k] * lambda[k] * v[j][k];
                }
                b[i][j] = s;
                b[j][i] = s;
            }
        }
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            out[i][i] = 1;
            for (int j = 0; j < i; j++) {
                double c = b[i][j] / Math.sqrt(b[i][i] * b[j][j]);
                out[i][j] = c;
                out[j][i] = c;
            }
        }
        return out;
    }

    /** Frobenius norm of a - b. */
    static double distance(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
            }
        }
        return Math.sqrt(s);
    }

    static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
