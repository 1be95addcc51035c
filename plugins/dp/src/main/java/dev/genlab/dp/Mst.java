package dev.genlab.dp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MST (McKenna, Miklau &amp; Sheldon 2021, "Winning the NIST Contest: A scalable and general approach to
 * differentially private synthetic data") on discrete columns. The zCDP budget ρ (from (ε, δ) by the tight
 * conversion) is split in three equal parts:
 *
 * <ol>
 *   <li>every 1-way marginal, Gaussian noise (σ√d per cell: the d marginals together have L2 sensitivity √d);</li>
 *   <li>a maximum spanning tree over the 2-way marginals, chosen edge by edge as in Kruskal's algorithm, each edge by
 *       the exponential mechanism on the L1 distance between the pair's true 2-way marginal and the one the noisy
 *       1-way marginals imply under independence (sensitivity 1; ε = √(8·(ρ/3)/(d − 1)) per edge, as the paper's
 *       code);</li>
 *   <li>the chosen 2-way marginals, Gaussian noise (σ√(d − 1) per cell).</li>
 * </ol>
 *
 * <p>Estimation: the paper fits a graphical model with Private-PGM. For a tree the model is determined by
 * consistent node and edge marginals, so here each column's marginal combines its noisy 1-way marginal with the
 * margins of its noisy edge tables (inverse-variance weights) and is projected onto the non-negative tables of the
 * estimated total; each noisy edge table is clipped at zero and fitted to those two margins by iterative
 * proportional fitting. That is a consistent estimate in the spirit of Private-PGM's, not its exact least-squares
 * solution; {@link PrivatePgm} on the same measurements gives the same edge tables within total variation 0.0013 at
 * ε = 1 (0.0115 at ε = 0.1) and, on Adult, the same fidelity at 30 to 100 times the time, so mst keeps this one. The paper's domain compression (merging rare values after step 1) is not done.
 */
public final class Mst {
    /** What a fit produced: the model, and the privacy it spent. */
    public record Result(TreeModel model, ZcdpAccountant ledger, double delta) {
        /** The ε actually spent at δ (never above the configured ε). */
        public double epsilonSpent() {
            return ledger.epsilon(delta);
        }
    }

    private static final int FITTING_ROUNDS = 2000;

    private Mst() {
    }

    /**
     * @param columns column-major codes, [column][row], each in 0..sizes[column]-1
     * @param sizes   the number of values of each column, from the public domain (never from the data)
     * @param seed    every noise draw and selection derives from it
     */
    public static Result fit(int[][] columns, int[] sizes, double epsilon, double delta, long seed) {
        Measured m = measure(columns, sizes, epsilon, delta, seed);
        if (columns.length == 1) {
            double total = Math.max(TreeModel.sum(m.oneWay()[0]), 1);
            return new Result(new TreeModel(sizes, new double[][] {projectToSimplex(m.oneWay()[0], total)}, List.of(), List.of()), m.ledger(), delta);
        }
        return new Result(estimate(sizes, m.oneWay(), m.oneWaySigma(), m.edges(), m.twoWay(), m.twoWaySigma()), m.ledger(), delta);
    }

    /**
     * MST with the paper's estimator: the same measurements as {@link #fit}, the model estimated from them by
     * Private-PGM ({@link PrivatePgm}, {@code iterations} mirror-descent steps) instead of the closed-form tree.
     */
    public static Aim.Result fitPrivatePgm(int[][] columns, int[] sizes, double epsilon, double delta, int iterations, long seed) {
        Measured m = measure(columns, sizes, epsilon, delta, seed);
        return new Aim.Result(new PrivatePgm(sizes).estimate(m.forPrivatePgm(), iterations), m.ledger(), delta);
    }

    /** MST's noisy measurements: every 1-way marginal, the tree's edges and their 2-way marginals, and what they cost. */
    record Measured(double[][] oneWay, double oneWaySigma, List<int[]> edges, List<double[]> twoWay, double twoWaySigma, ZcdpAccountant ledger) {
        /** The same measurements for {@link PrivatePgm}. */
        List<PrivatePgm.Measurement> forPrivatePgm() {
            List<PrivatePgm.Measurement> out = new ArrayList<>();
            for (int j = 0; j < oneWay.length; j++) {
                out.add(new PrivatePgm.Measurement(new int[] {j}, oneWay[j], oneWaySigma));
            }
            for (int e = 0; e < edges.size(); e++) {
                // every edge is {a, b} with a < b, its table row-major in a, as PrivatePgm reads it
                out.add(new PrivatePgm.Measurement(edges.get(e), twoWay.get(e), twoWaySigma));
            }
            return out;
        }
    }

    static Measured measure(int[][] columns, int[] sizes, double epsilon, double delta, long seed) {
        PrivacyArguments.epsilon(epsilon);
        PrivacyArguments.delta(delta);
        checkCodes(columns, sizes);
        int d = columns.length;
        SplittableRandom random = new SplittableRandom(seed);
        // a hair under the budget, so that adding up the parts in floating point never exceeds it
        double rho = ZcdpAccountant.rho(epsilon, delta) * (1 - 1e-9);
        ZcdpAccountant ledger = new ZcdpAccountant();

        double oneWayRho = d == 1 ? rho : rho / 3;
        double oneWaySigma = Math.sqrt(d / (2 * oneWayRho));
        double[][] oneWay = new double[d][];
        for (int j = 0; j < d; j++) {
            oneWay[j] = noisy(counts(columns[j], sizes[j]), oneWaySigma, random);
            ledger.gaussian("1-way marginal of column " + j, 1, oneWaySigma);
        }
        if (d == 1) {
            return new Measured(oneWay, oneWaySigma, List.of(), List.of(), 0, ledger);
        }

        List<int[]> edges = select(columns, sizes, oneWay, rho / 3, ledger, random);

        double twoWaySigma = Math.sqrt((d - 1) / (2 * (rho / 3)));
        List<double[]> twoWay = new ArrayList<>();
        for (int[] e : edges) {
            twoWay.add(noisy(counts(columns[e[0]], sizes[e[0]], columns[e[1]], sizes[e[1]]), twoWaySigma, random));
            ledger.gaussian("2-way marginal of columns " + e[0] + " and " + e[1], 1, twoWaySigma);
        }
        return new Measured(oneWay, oneWaySigma, edges, twoWay, twoWaySigma, ledger);
    }

    /** Refuses codes that do not fit {@code sizes} or columns of different lengths. */
    static void checkCodes(int[][] columns, int[] sizes) {
        int d = columns.length;
        if (d == 0 || sizes.length != d) {
            throw new IllegalArgumentException("need at least one column and a size for each; got " + d + " columns and " + sizes.length + " sizes");
        }
        int n = columns[0].length;
        for (int j = 0; j < d; j++) {
            if (columns[j].length != n) {
                throw new IllegalArgumentException("column " + j + " has " + columns[j].length + " rows, column 0 has " + n);
            }
            for (int v : columns[j]) {
                if (v < 0 || v >= sizes[j]) {
                    throw new IllegalArgumentException("column " + j + " has code " + v + " outside its domain 0.." + (sizes[j] - 1));
                }
            }
        }
    }

    /** Kruskal's algorithm with each edge drawn by the exponential mechanism. */
    private static List<int[]> select(int[][] columns, int[] sizes, double[][] oneWay, double rho, ZcdpAccountant ledger, SplittableRandom random) {
        int d = columns.length;
        double total = 0;
        for (double[] y : oneWay) {
            total += TreeModel.sum(y);
        }
        total = Math.max(total / d, 1);
        double[][] independent = new double[d][];
        for (int j = 0; j < d; j++) {
            independent[j] = projectToSimplex(oneWay[j], total);
        }
        List<int[]> candidates = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double[][] x = unflatten(counts(columns[a], sizes[a], columns[b], sizes[b]), sizes[b]);
                double l1 = 0;
                for (int i = 0; i < sizes[a]; i++) {
                    for (int k = 0; k < sizes[b]; k++) {
                        l1 += Math.abs(x[i][k] - independent[a][i] * independent[b][k] / total);
                    }
                }
                candidates.add(new int[] {a, b});
                scores.add(l1);
            }
        }
        double edgeEpsilon = ZcdpAccountant.exponentialEpsilon(rho / (d - 1));
        int[] component = new int[d];
        for (int j = 0; j < d; j++) {
            component[j] = j;
        }
        List<int[]> chosen = new ArrayList<>();
        for (int step = 0; step < d - 1; step++) {
            List<Integer> open = new ArrayList<>();
            for (int c = 0; c < candidates.size(); c++) {
                if (find(component, candidates.get(c)[0]) != find(component, candidates.get(c)[1])) {
                    open.add(c);
                }
            }
            double[] logits = new double[open.size()];
            for (int i = 0; i < open.size(); i++) {
                logits[i] = 0.5 * edgeEpsilon / 1.0 * scores.get(open.get(i)); // sensitivity 1, not monotonic
            }
            int[] e = candidates.get(open.get(exponentialMechanism(logits, random)));
            ledger.exponential("tree edge " + (step + 1) + ": columns " + e[0] + " and " + e[1], edgeEpsilon);
            component[find(component, e[0])] = find(component, e[1]);
            chosen.add(e);
        }
        return chosen;
    }

    /** Draws index i with probability ∝ exp(logits[i]). */
    static int exponentialMechanism(double[] logits, SplittableRandom random) {
        double max = Arrays.stream(logits).max().orElseThrow();
        double[] w = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            w[i] = Math.exp(logits[i] - max);
            sum += w[i];
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) {
                return i;
            }
        }
        return w.length - 1;
    }

    private static TreeModel estimate(int[] sizes, double[][] oneWay, double oneWaySigma, List<int[]> edges, List<double[]> twoWay,
            double twoWaySigma) {
        int d = sizes.length;
        double oneVar = oneWaySigma * oneWaySigma;
        double twoVar = twoWaySigma * twoWaySigma;
        // the total: each measured table's sum, weighted by the inverse of its variance (cells x variance per cell)
        double weighted = 0;
        double weights = 0;
        for (int j = 0; j < d; j++) {
            double w = 1 / (sizes[j] * oneVar);
            weighted += w * TreeModel.sum(oneWay[j]);
            weights += w;
        }
        for (int e = 0; e < edges.size(); e++) {
            double w = 1 / (twoWay.get(e).length * twoVar);
            weighted += w * TreeModel.sum(twoWay.get(e));
            weights += w;
        }
        double total = Math.max(weighted / weights, 1);
        // each column's marginal: its own measurement and its edges' margins, by inverse variance per cell
        double[][] marginals = new double[d][];
        for (int j = 0; j < d; j++) {
            double[] acc = new double[sizes[j]];
            double[] wsum = new double[sizes[j]];
            for (int v = 0; v < sizes[j]; v++) {
                acc[v] = oneWay[j][v] / oneVar;
                wsum[v] = 1 / oneVar;
            }
            for (int e = 0; e < edges.size(); e++) {
                int[] edge = edges.get(e);
                if (edge[0] != j && edge[1] != j) {
                    continue;
                }
                int other = edge[0] == j ? edge[1] : edge[0];
                double[][] table = unflatten(twoWay.get(e), sizes[edge[1]]);
                double var = sizes[other] * twoVar;
                for (int v = 0; v < sizes[j]; v++) {
                    double margin = 0;
                    for (int u = 0; u < sizes[other]; u++) {
                        margin += edge[0] == j ? table[v][u] : table[u][v];
                    }
                    acc[v] += margin / var;
                    wsum[v] += 1 / var;
                }
            }
            for (int v = 0; v < sizes[j]; v++) {
                acc[v] /= wsum[v];
            }
            marginals[j] = projectToSimplex(acc, total);
        }
        List<double[][]> joints = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            int[] edge = edges.get(e);
            joints.add(fitMargins(unflatten(twoWay.get(e), sizes[edge[1]]), marginals[edge[0]], marginals[edge[1]], total));
        }
        return new TreeModel(sizes, marginals, edges, joints);
    }

    /** The noisy table clipped at a small positive floor, scaled by iterative proportional fitting to these margins. */
    static double[][] fitMargins(double[][] noisy, double[] rows, double[] cols, double total) {
        int a = rows.length;
        int b = cols.length;
        double floor = 1e-6 * total / (a * b);
        double[][] x = new double[a][b];
        for (int i = 0; i < a; i++) {
            for (int k = 0; k < b; k++) {
                x[i][k] = Math.max(noisy[i][k], floor);
            }
        }
        for (int round = 0; round < FITTING_ROUNDS; round++) {
            for (int i = 0; i < a; i++) {
                double s = TreeModel.sum(x[i]);
                for (int k = 0; k < b; k++) {
                    x[i][k] = s > 0 ? x[i][k] * rows[i] / s : 0;
                }
            }
            double worst = 0;
            for (int k = 0; k < b; k++) {
                double s = 0;
                for (int i = 0; i < a; i++) {
                    s += x[i][k];
                }
                for (int i = 0; i < a; i++) {
                    x[i][k] = s > 0 ? x[i][k] * cols[k] / s : 0;
                }
            }
            for (int i = 0; i < a; i++) {
                worst = Math.max(worst, Math.abs(TreeModel.sum(x[i]) - rows[i]));
            }
            if (worst < 1e-9 * total) {
                break;
            }
        }
        return x;
    }

    /** The Euclidean projection of y onto {x ≥ 0, Σx = total}. */
    static double[] projectToSimplex(double[] y, double total) {
        double[] sorted = y.clone();
        Arrays.sort(sorted);
        double cumulative = 0;
        double theta = 0;
        for (int i = sorted.length - 1, k = 1; i >= 0; i--, k++) {
            cumulative += sorted[i];
            double t = (cumulative - total) / k;
            if (sorted[i] - t > 0) {
                theta = t;
            }
        }
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = Math.max(y[i] - theta, 0);
        }
        return x;
    }

    static int find(int[] component, int j) {
        while (component[j] != j) {
            component[j] = component[component[j]];
            j = component[j];
        }
        return j;
    }

    static double[] counts(int[] column, int size) {
        double[] c = new double[size];
        for (int v : column) {
            c[v]++;
        }
        return c;
    }

    /** The 2-way table of (a, b), flattened row-major: index a·|b| + b. */
    static double[] counts(int[] a, int sizeA, int[] b, int sizeB) {
        double[] c = new double[sizeA * sizeB];
        for (int r = 0; r < a.length; r++) {
            c[a[r] * sizeB + b[r]]++;
        }
        return c;
    }

    static double[][] unflatten(double[] flat, int width) {
        double[][] t = new double[flat.length / width][width];
        for (int i = 0; i < t.length; i++) {
            System.arraycopy(flat, i * width, t[i], 0, width);
        }
        return t;
    }

    static double[] noisy(double[] counts, double sigma, SplittableRandom random) {
        double[] y = counts.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += sigma * gaussian(random);
        }
        return y;
    }

    /** A standard normal draw (Box–Muller), so that one seed gives the same noise on every JVM. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
