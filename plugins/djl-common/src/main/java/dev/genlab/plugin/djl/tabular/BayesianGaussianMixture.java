package dev.genlab.plugin.djl.tabular;

import java.util.Arrays;

/**
 * A one-dimensional variational Gaussian mixture with a Dirichlet-process prior on the weights, as
 * scikit-learn's {@code BayesianGaussianMixture(weight_concentration_prior_type='dirichlet_process',
 * weight_concentration_prior=0.001)} which CTGAN's mode-specific normalisation uses: it starts with
 * {@code maxComponents} and lets the prior empty the ones the data does not need. The start is deterministic
 * (k-means from evenly spaced quantiles), so the fit uses no randomness.
 */
public final class BayesianGaussianMixture {
    private static final double WEIGHT_CONCENTRATION_PRIOR = 1e-3;
    private static final double MEAN_PRECISION_PRIOR = 1;
    private static final double DEGREES_OF_FREEDOM_PRIOR = 1;
    private static final double REG_COVAR = 1e-6;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] weights;
    private final double[] means;
    private final double[] stds;
    // Variational parameters, kept for responsibilities of new values.
    private final double[] logWeights;
    private final double[] betas;
    private final double[] nus;
    private final double[] precisionCholesky;
    private final double[] constants;

    private BayesianGaussianMixture(int k) {
        weights = new double[k];
        means = new double[k];
        stds = new double[k];
        logWeights = new double[k];
        betas = new double[k];
        nus = new double[k];
        precisionCholesky = new double[k];
        constants = new double[k];
    }

    public double[] weights() {
        return weights.clone();
    }

    public double[] means() {
        return means.clone();
    }

    public double[] stds() {
        return stds.clone();
    }

    public int size() {
        return weights.length;
    }

    /** Fits up to {@code maxComponents} components to the finite values {@code x} (at least two distinct). */
    public static BayesianGaussianMixture fit(double[] x, int maxComponents, int maxIterations) {
        int n = x.length;
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        int k = Math.max(1, Math.min(maxComponents, distinct));
        double mean0 = 0;
        for (double v : x) {
            mean0 += v;
        }
        mean0 /= n;
        double var0 = 0;
        for (double v : x) {
            var0 += (v - mean0) * (v - mean0);
        }
        var0 = n > 1 ? var0 / (n - 1) : 1;
        if (!(var0 > 0)) {
            var0 = 1;
        }

        double[][] resp = kmeansStart(x, sorted, k);
        BayesianGaussianMixture m = new BayesianGaussianMixture(k);
        double[] nk = new double[k];
        double[] previous = new double[k];
        m.maximise(x, resp, nk, mean0, var0);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            m.expect(x, resp);
            System.arraycopy(nk, 0, previous, 0, k);
            m.maximise(x, resp, nk, mean0, var0);
            double change = 0;
            for (int j = 0; j < k; j++) {
                change = Math.max(change, Math.abs(nk[j] - previous[j]));
            }
            if (change < 1e-4 * n / k && iteration > 5) {
                break;
            }
        }
        return m;
    }

    /** Hard k-means assignments from centres at evenly spaced quantiles, as the starting responsibilities. */
    private static double[][] kmeansStart(double[] x, double[] sorted, int k) {
        int n = x.length;
        double[] centres = new double[k];
        for (int j = 0; j < k; j++) {
            centres[j] = sorted[(int) Math.min(n - 1, Math.floor((j + 0.5) * n / k))];
        }
        int[] assign = new int[n];
        for (int iteration = 0; iteration < 20; iteration++) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double d = Math.abs(x[i] - centres[j]);
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
                assign[i] = best;
                sum[best] += x[i];
                count[best]++;
            }
            for (int j = 0; j < k; j++) {
                if (count[j] > 0) {
                    centres[j] = sum[j] / count[j];
                }
            }
        }
        double[][] resp = new double[n][k];
        for (int i = 0; i < n; i++) {
            resp[i][assign[i]] = 1;
        }
        return resp;
    }

    private void maximise(double[] x, double[][] resp, double[] nk, double mean0, double var0) {
        int k = weights.length;
        double[] xk = new double[k];
        double[] sk = new double[k];
        Arrays.fill(nk, 0);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < k; j++) {
                nk[j] += resp[i][j];
                xk[j] += resp[i][j] * x[i];
            }
        }
        for (int j = 0; j < k; j++) {
            nk[j] += 10 * Math.ulp(1.0);
            xk[j] /= nk[j];
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < k; j++) {
                double d = x[i] - xk[j];
                sk[j] += resp[i][j] * d * d;
            }
        }
        double[] a = new double[k];
        double[] b = new double[k];
        double tail = 0;
        for (int j = k - 1; j >= 0; j--) {
            a[j] = 1 + nk[j];
            b[j] = WEIGHT_CONCENTRATION_PRIOR + tail;
            tail += nk[j];
        }
        double stick = 0;
        double remaining = 1;
        double weightSum = 0;
        for (int j = 0; j < k; j++) {
            sk[j] = sk[j] / nk[j] + REG_COVAR;
            betas[j] = MEAN_PRECISION_PRIOR + nk[j];
            means[j] = (MEAN_PRECISION_PRIOR * mean0 + nk[j] * xk[j]) / betas[j];
            nus[j] = DEGREES_OF_FREEDOM_PRIOR + nk[j];
            double dm = xk[j] - mean0;
            double wInverse = var0 + nk[j] * sk[j] + nk[j] * MEAN_PRECISION_PRIOR / betas[j] * dm * dm;
            double covariance = wInverse / nus[j];
            stds[j] = Math.sqrt(covariance);
            precisionCholesky[j] = 1 / stds[j];
            double digammaSum = digamma(a[j] + b[j]);
            logWeights[j] = digamma(a[j]) - digammaSum + stick;
            stick += digamma(b[j]) - digammaSum;
            weights[j] = remaining * a[j] / (a[j] + b[j]);
            remaining *= b[j] / (a[j] + b[j]);
            weightSum += weights[j];
        }
        for (int j = 0; j < k; j++) {
            weights[j] /= weightSum;
            // Everything in a component's expected log density that does not depend on x.
            double logLambda = Math.log(2) + digamma(0.5 * nus[j]);
            constants[j] = -0.5 * LOG_2PI + Math.log(precisionCholesky[j]) - 0.5 * Math.log(nus[j])
                    + 0.5 * (logLambda - 1 / betas[j]) + logWeights[j];
        }
    }

    private void expect(double[] x, double[][] resp) {
        for (int i = 0; i < x.length; i++) {
            logResponsibilities(x[i], resp[i]);
        }
    }

    /** Writes the normalised posterior component probabilities of {@code x} into {@code out}. */
    private void logResponsibilities(double x, double[] out) {
        int k = weights.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double z = (x - means[j]) * precisionCholesky[j];
            out[j] = constants[j] - 0.5 * z * z;
            max = Math.max(max, out[j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            out[j] = Math.exp(out[j] - max);
            sum += out[j];
        }
        for (int j = 0; j < k; j++) {
            out[j] /= sum;
        }
    }

    /** Posterior probability of each component for {@code x}, as scikit-learn's {@code predict_proba}. */
    public double[] responsibilities(double x) {
        double[] out = new double[weights.length];
        logResponsibilities(x, out);
        return out;
    }

    static double digamma(double x) {
        double result = 0;
        while (x < 6) {
            result -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        return result + Math.log(x) - 0.5 / x
                - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
    }
}
