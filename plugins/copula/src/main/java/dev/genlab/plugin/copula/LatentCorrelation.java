package dev.genlab.plugin.copula;

/**
 * Estimates the correlation matrix of the latent normal vector from per-column normal scores, by matching
 * moments. SDV computes the Pearson correlation of scores jittered within each category's interval; that
 * understates every correlation involving a discrete column by the variance of its interval means (to a third
 * for a 90/10 binary). Here each discrete score is its interval mean m(g), and for a pair of dimensions:
 * <ul>
 *   <li>if one is continuous, E[s_j s_k] = ρ a_j a_k exactly, where a = Var(m) (1 for a continuum);
 *   <li>if both are discrete, E[m_j m_k] as a function of ρ follows from Price's theorem,
 *       dE/dρ = Σ Δm_j,i Δm_k,l φ₂(τ_i, τ_l; ρ) over the interval boundaries τ and the jumps Δm of the interval
 *       means there, which is integrated in θ = asin ρ (where the integrand is smooth) and solved for ρ;
 *       pairs with very many boundaries fall back to the first-order ρ = E[s_j s_k] / (a_j a_k).
 * </ul>
 * With missing values the moment comes from the rows where both scores are present, as a Pearson correlation r
 * on those rows (so that a shifted subset does not bias it) turned back into a moment, E = r √(a_j a_k); on
 * complete data that is the plain moment, as the scores have mean 0 and variance a.
 *
 * <p>Those rows are a selection: a value dimension is present when its missing indicator falls in the "present"
 * interval. The model keeps a value independent of its own indicator (so the observed marginal comes back
 * exactly) but lets indicators follow the other columns, so it applies that selection again when it samples.
 * By Pearson–Lee, selecting on indicator m shrinks the variance of a correlated dimension A to
 * 1 − R[A,m]²(1 − v_m), v_m the variance of a normal truncated to m's present interval, and leaves the covariance
 * alone when A or B is m's own value. So the correlation seen on the present rows, r, is the latent ρ divided by
 * the square root of both shrunk variances, and the estimate is ρ = r √(var_A var_B): exact when one of the pair
 * has missing values, first-order (indicators treated as uncorrelated) when both do. The result may not be
 * positive definite; the caller projects it.
 */
final class LatentCorrelation {
    /** Above this many boundary pairs, the exact moment equation is replaced by its first-order form. */
    static final int MAX_EXACT_TERMS = 4096;

    private static final double[] NODES;
    private static final double[] WEIGHTS;

    static {
        int n = 24;
        NODES = new double[n];
        WEIGHTS = new double[n];
        for (int i = 0; i < n; i++) { // Gauss–Legendre on [-1, 1] by Newton's method on P_n
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = n * (x * p1 - p0) / (x * x - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.abs(step) < 1e-16) {
                    break;
                }
            }
            NODES[i] = x;
            WEIGHTS[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
    }

    /**
     * One latent dimension.
     *
     * @param scores    normal scores, NaN where the value is missing
     * @param intervals its intervals, or null if it is continuous
     * @param indicator for a value dimension with missing values, the dimension of its missing indicator; else -1
     * @param shrink    for a missing indicator, 1 − the variance of a normal truncated to its "present" interval;
     *                  else 0
     */
    record Dimension(double[] scores, Intervals intervals, int indicator, double shrink) {
        Dimension(double[] scores, Intervals intervals) {
            this(scores, intervals, -1, 0);
        }

        double variance() {
            return intervals == null ? 1 : intervals.variance();
        }
    }

    /** 1 − Var(z | lower < z < upper) for a standard normal z. */
    static double truncationShrink(double lower, double upper) {
        double p = Normal.cdf(upper) - Normal.cdf(lower);
        double fa = Double.isInfinite(lower) ? 0 : density(lower);
        double fb = Double.isInfinite(upper) ? 0 : density(upper);
        double afa = Double.isInfinite(lower) ? 0 : lower * fa;
        double bfb = Double.isInfinite(upper) ? 0 : upper * fb;
        double mean = (fa - fb) / p;
        return Math.max(0, Math.min(1, -(afa - bfb) / p + mean * mean));
    }

    private static double density(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    private LatentCorrelation() {
    }

    static double[][] estimate(Dimension[] dimensions) {
        int d = dimensions.length;
        double[][] r = new double[d][d];
        for (int j = 0; j < d; j++) {
            r[j][j] = 1;
            for (int k = 0; k < j; k++) {
                double c = dimensions[j].indicator() == k || dimensions[k].indicator() == j
                        ? 0 // a value and its own missing indicator: never seen together, kept independent
                        : correlation(dimensions[j], dimensions[k]);
                r[j][k] = c;
                r[k][j] = c;
            }
        }
        // Undo the selection on the present rows: first pairs with one incomplete side, whose factors use
        // complete-data entries only, then pairs of two incomplete sides, whose factors use the former.
        for (int pass = 1; pass <= 2; pass++) {
            double[][] corrected = Matrices.copy(r);
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < j; k++) {
                    int incomplete = (dimensions[j].indicator() >= 0 ? 1 : 0) + (dimensions[k].indicator() >= 0 ? 1 : 0);
                    if (incomplete == pass && dimensions[j].indicator() != k && dimensions[k].indicator() != j) {
                        double c = r[j][k] * Math.sqrt(selectedVariance(r, dimensions, j, k) * selectedVariance(r, dimensions, k, j));
                        corrected[j][k] = c;
                        corrected[k][j] = c;
                    }
                }
            }
            r = corrected;
        }
        return r;
    }

    /** Variance of dimension a on the rows where b (and a) are present, relative to all rows. */
    private static double selectedVariance(double[][] r, Dimension[] dimensions, int a, int b) {
        int m = dimensions[b].indicator();
        if (m < 0 || m == dimensions[a].indicator()) {
            return 1;
        }
        return 1 - r[a][m] * r[a][m] * dimensions[m].shrink();
    }

    static double correlation(Dimension a, Dimension b) {
        double pearson = pairwisePearson(a.scores(), b.scores());
        double moment = pearson * Math.sqrt(a.variance() * b.variance());
        double firstOrder = clamp(pearson / Math.sqrt(a.variance() * b.variance()));
        if (a.intervals() == null || b.intervals() == null
                || (long) (a.intervals().size() - 1) * (b.intervals().size() - 1) > MAX_EXACT_TERMS) {
            return firstOrder;
        }
        return new DiscretePair(a.intervals(), b.intervals()).solve(moment, firstOrder);
    }

    /**
     * Pearson correlation of x and y over the rows where both are present; 0 if fewer than two such rows or no
     * variance on them. The complete case (no NaN in either) is the common one and needs no masking.
     */
    private static double pairwisePearson(double[] x, double[] y) {
        int n = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
                mx += x[i];
                my += y[i];
            }
        }
        if (n < 2) {
            return 0;
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxx += dx * dx;
                syy += dy * dy;
                sxy += dx * dy;
            }
        }
        return sxx > 0 && syy > 0 ? clamp(sxy / Math.sqrt(sxx * syy)) : 0;
    }

    private static double clamp(double r) {
        return Math.max(-1, Math.min(1, r));
    }

    /** E[m_a m_b] as a function of the latent correlation of two discrete dimensions. */
    private static final class DiscretePair {
        private final double[] x;
        private final double[] dx;
        private final double[] y;
        private final double[] dy;

        DiscretePair(Intervals a, Intervals b) {
            x = new double[a.size() - 1];
            dx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = a.upper(i);
                dx[i] = a.mean(i + 1) - a.mean(i);
            }
            y = new double[b.size() - 1];
            dy = new double[y.length];
            for (int l = 0; l < y.length; l++) {
                y[l] = b.upper(l);
                dy[l] = b.mean(l + 1) - b.mean(l);
            }
        }

        /** dE/dθ at θ, with ρ = sin θ: Σ Δx Δy exp(-(x² - 2xy sin θ + y²) / (2 cos² θ)) / 2π. */
        double slope(double theta) {
            double s = Math.sin(theta);
            double c2 = 2 * Math.cos(theta) * Math.cos(theta);
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                double xi = x[i];
                double row = 0;
                for (int l = 0; l < y.length; l++) {
                    double yl = y[l];
                    row += dy[l] * Math.exp(-(xi * xi - 2 * xi * yl * s + yl * yl) / c2);
                }
                total += dx[i] * row;
            }
            return total / (2 * Math.PI);
        }

        /** E at θ: the integral of the slope from 0 (independence, where E = 0). */
        double moment(double theta) {
            double half = theta / 2;
            double sum = 0;
            for (int i = 0; i < NODES.length; i++) {
                sum += WEIGHTS[i] * slope(half + half * NODES[i]);
            }
            return sum * half;
        }

        /** The ρ whose E is {@code target}: safeguarded Newton in θ, ±1 if the target is beyond reach. */
        double solve(double target, double start) {
            double lo = -Math.PI / 2;
            double hi = Math.PI / 2;
            double theta = Math.asin(Math.max(-0.99, Math.min(0.99, start)));
            for (int iteration = 0; iteration < 60; iteration++) {
                double g = moment(theta) - target;
                if (Math.abs(g) < 1e-12) {
                    break;
                }
                if (g > 0) {
                    hi = theta;
                } else {
                    lo = theta;
                }
                double slope = slope(theta);
                double next = theta - g / slope;
                if (!(slope > 0) || !(next > lo && next < hi)) {
                    next = (lo + hi) / 2;
                }
                if (Math.abs(next - theta) < 1e-12) {
                    theta = next;
                    break;
                }
                theta = next;
            }
            return clamp(Math.sin(theta));
        }
    }
}
