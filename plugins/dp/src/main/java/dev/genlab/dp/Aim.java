package dev.genlab.dp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * AIM (McKenna, Mullins, Sheldon &amp; Miklau 2022, "AIM: An Adaptive and Iterative Mechanism for Differentially
 * Private Synthetic Data") on discrete columns, under a zCDP budget ρ (from (ε, δ) by the tight conversion).
 *
 * <p>As the paper's algorithm: the workload is every 2-way (or 3-way) marginal, with weight 1 each; a candidate
 * is a marginal inside a workload marginal, weighted by its overlap with the workload. Every 1-way marginal is
 * measured first (Gaussian, σ = √(T / (2·0.9ρ)) for T = 16·d rounds). Each round then picks the candidate the
 * current model answers worst by the exponential mechanism (ε = √(8·0.1ρ / T); quality = weight × (L1 error of the
 * model's answer − the expected L1 of the noise, σ√(2/π)·cells), sensitivity the largest weight), among those that
 * keep the model within its size limit (max-model-size × the share of ρ spent so far), measures it with Gaussian
 * noise and re-estimates the model. When the model's answer moved less than the noise could explain, σ halves and
 * ε doubles (annealing); when what is left cannot pay for two more rounds, the last round spends all of it.
 *
 * <p>Deviation: the paper estimates a graphical model of any structure with Private-PGM. Here the model is a forest
 * ({@link TreeModel}: the estimator {@link Mst} uses, generalised to repeated measurements), so a 2-way candidate is
 * only offered if it is already an edge or joins two trees of the forest, and the candidates are the 1- and 2-way
 * marginals even when the workload is 3-way (the 3-way workload then only weights them). A candidate that would close
 * a cycle is never measured.
 */
public final class Aim {
    private static final double ONE_WAY_ROUNDS_PER_COLUMN = 16;

    /** One noisy measurement: the columns of the marginal (one, or two in increasing order), the noisy counts, σ. */
    private record Measurement(int[] clique, double[] y, double sigma) {
    }

    private Aim() {
    }

    /**
     * @param columns      column-major codes, [column][row], each in 0..sizes[column]-1
     * @param sizes        the number of values of each column, from the public domain (never from the data)
     * @param degree       2 or 3: the workload is every marginal of that many columns
     * @param maxModelSize the largest model, in megabytes of 8-byte cells (the paper's default is 80)
     * @param rounds       the paper's T, which sets the starting σ and ε; 0 for 16 × the number of columns
     * @param seed         every noise draw and selection derives from it
     */
    public static Mst.Result fit(int[][] columns, int[] sizes, double epsilon, double delta, int degree, double maxModelSize, int rounds, long seed) {
        PrivacyArguments.epsilon(epsilon);
        PrivacyArguments.delta(delta);
        if (degree != 2 && degree != 3) {
            throw new IllegalArgumentException("degree must be 2 or 3, got " + degree);
        }
        PrivacyArguments.positive("maxModelSize", maxModelSize);
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be at least 0, got " + rounds);
        }
        Mst.checkCodes(columns, sizes);
        int d = columns.length;
        SplittableRandom random = new SplittableRandom(seed);
        // a hair under the budget, so that adding up the parts in floating point never exceeds it
        double rho = ZcdpAccountant.rho(epsilon, delta) * (1 - 1e-9);
        ZcdpAccountant ledger = new ZcdpAccountant();
        int t = rounds > 0 ? rounds : (int) (ONE_WAY_ROUNDS_PER_COLUMN * d);
        double sigma = Math.sqrt(t / (2 * 0.9 * rho));
        double selectEpsilon = Math.sqrt(8 * 0.1 * rho / t);

        Map<String, Double> weights = candidates(d, degree);
        Map<String, double[]> answers = new LinkedHashMap<>();
        for (String key : weights.keySet()) {
            int[] cl = clique(key);
            answers.put(key, cl.length == 1 ? Mst.counts(columns[cl[0]], sizes[cl[0]])
                    : Mst.counts(columns[cl[0]], sizes[cl[0]], columns[cl[1]], sizes[cl[1]]));
        }

        List<Measurement> measurements = new ArrayList<>();
        double used = 0;
        for (int j = 0; j < d; j++) {
            measurements.add(new Measurement(new int[] {j}, Mst.noisy(answers.get(key(j)), sigma, random), sigma));
            ledger.gaussian("1-way marginal of column " + j, 1, sigma);
            used += ZcdpAccountant.gaussianRho(1, sigma);
        }
        List<int[]> edges = new ArrayList<>();
        Forest model = Forest.estimate(sizes, measurements, edges);
        double limitCells = maxModelSize * 1024 * 1024 / 8;
        int round = 0;
        boolean last = d == 1;
        while (!last) {
            round++;
            if (rho - used < 2 * (ZcdpAccountant.gaussianRho(1, sigma) + ZcdpAccountant.exponentialRho(selectEpsilon))) {
                double remaining = rho - used;
                sigma = Math.sqrt(1 / (2 * 0.9 * remaining));
                selectEpsilon = Math.sqrt(8 * 0.1 * remaining);
                last = true;
            }
            used += ZcdpAccountant.gaussianRho(1, sigma) + ZcdpAccountant.exponentialRho(selectEpsilon);
            double sizeLimit = limitCells * Math.min(1, used / rho);
            List<String> open = new ArrayList<>();
            for (String key : weights.keySet()) {
                int[] cl = clique(key);
                boolean inModel = cl.length == 1 || model.isEdge(cl[0], cl[1]);
                if (inModel || (!model.connected(cl[0], cl[1]) && model.cells() + cells(sizes, cl) <= sizeLimit)) {
                    open.add(key);
                }
            }
            double[] logits = new double[open.size()];
            double maxWeight = open.stream().mapToDouble(weights::get).max().orElseThrow();
            for (int i = 0; i < open.size(); i++) {
                int[] cl = clique(open.get(i));
                double[] x = answers.get(open.get(i));
                double bias = Math.sqrt(2 / Math.PI) * sigma * x.length;
                double quality = weights.get(open.get(i)) * (l1(x, model.answer(cl)) - bias);
                logits[i] = 0.5 * selectEpsilon / maxWeight * quality;
            }
            String chosen = open.get(Mst.exponentialMechanism(logits, random));
            int[] cl = clique(chosen);
            String name = cl.length == 1 ? "column " + cl[0] : "columns " + cl[0] + " and " + cl[1];
            ledger.exponential("round " + round + ": select " + name, selectEpsilon);
            measurements.add(new Measurement(cl, Mst.noisy(answers.get(chosen), sigma, random), sigma));
            ledger.gaussian("round " + round + ": measure " + name, 1, sigma);
            if (cl.length == 2 && !model.isEdge(cl[0], cl[1])) {
                edges.add(cl);
            }
            double[] before = model.answer(cl);
            model = Forest.estimate(sizes, measurements, edges);
            if (l1(model.answer(cl), before) <= sigma * Math.sqrt(2 / Math.PI) * before.length) {
                sigma /= 2;
                selectEpsilon *= 2;
            }
        }
        return new Mst.Result(model.tree(), ledger, delta);
    }

    /** The candidates of the workload of every {@code degree}-way marginal, weighted by their overlap with it. */
    static Map<String, Double> candidates(int d, int degree) {
        List<int[]> workload = new ArrayList<>();
        if (degree == 2 || d < 3) {
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    workload.add(new int[] {a, b});
                }
            }
        } else {
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    for (int c = b + 1; c < d; c++) {
                        workload.add(new int[] {a, b, c});
                    }
                }
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int a = 0; a < d; a++) {
            weights.put(key(a), overlap(workload, a, -1));
        }
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                weights.put(key(a, b), overlap(workload, a, b));
            }
        }
        return weights;
    }

    /** Σ over the workload's marginals of how many of {a, b} (b = −1: just a) each contains. */
    private static double overlap(List<int[]> workload, int a, int b) {
        double w = 0;
        for (int[] m : workload) {
            for (int c : m) {
                if (c == a || c == b) {
                    w++;
                }
            }
        }
        return w;
    }

    private static String key(int a) {
        return Integer.toString(a);
    }

    private static String key(int a, int b) {
        return a + "," + b;
    }

    private static int[] clique(String key) {
        String[] parts = key.split(",");
        int[] cl = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            cl[i] = Integer.parseInt(parts[i]);
        }
        return cl;
    }

    private static long cells(int[] sizes, int[] cl) {
        long n = 1;
        for (int c : cl) {
            n *= sizes[c];
        }
        return n;
    }

    private static double l1(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] - y[i]);
        }
        return s;
    }

    /**
     * The forest model of the measurements so far: the estimated total, each column's counts (its 1-way
     * measurements and its edges' margins, by inverse variance, projected onto non-negative counts of the total),
     * each edge's table (its measurements by inverse variance, fitted to the two margins).
     */
    private static final class Forest {
        private final int[] sizes;
        private final double total;
        private final double[][] marginals;
        private final List<int[]> edges;
        private final List<double[][]> joints;
        private final int[] component;
        private final long cells;

        private Forest(int[] sizes, double total, double[][] marginals, List<int[]> edges, List<double[][]> joints) {
            this.sizes = sizes;
            this.total = total;
            this.marginals = marginals;
            this.edges = List.copyOf(edges);
            this.joints = joints;
            this.component = new int[sizes.length];
            for (int j = 0; j < sizes.length; j++) {
                component[j] = j;
            }
            long c = 0;
            for (int[] e : edges) {
                component[Mst.find(component, e[0])] = Mst.find(component, e[1]);
                c += (long) sizes[e[0]] * sizes[e[1]];
            }
            for (int size : sizes) {
                c += size;
            }
            this.cells = c;
        }

        static Forest estimate(int[] sizes, List<Measurement> measurements, List<int[]> edges) {
            int d = sizes.length;
            double weighted = 0;
            double weights = 0;
            for (Measurement m : measurements) {
                double w = 1 / (m.y().length * m.sigma() * m.sigma());
                weighted += w * TreeModel.sum(m.y());
                weights += w;
            }
            double total = Math.max(weighted / weights, 1);
            double[][] marginals = new double[d][];
            for (int j = 0; j < d; j++) {
                double[] acc = new double[sizes[j]];
                double wsum = 0;
                for (Measurement m : measurements) {
                    int[] cl = m.clique();
                    double var = m.sigma() * m.sigma();
                    if (cl.length == 1 && cl[0] == j) {
                        for (int v = 0; v < sizes[j]; v++) {
                            acc[v] += m.y()[v] / var;
                        }
                        wsum += 1 / var;
                    } else if (cl.length == 2 && (cl[0] == j || cl[1] == j)) {
                        int other = cl[0] == j ? cl[1] : cl[0];
                        double[][] table = Mst.unflatten(m.y(), sizes[cl[1]]);
                        double marginVar = sizes[other] * var;
                        for (int v = 0; v < sizes[j]; v++) {
                            double margin = 0;
                            for (int u = 0; u < sizes[other]; u++) {
                                margin += cl[0] == j ? table[v][u] : table[u][v];
                            }
                            acc[v] += margin / marginVar;
                        }
                        wsum += 1 / marginVar;
                    }
                }
                for (int v = 0; v < sizes[j]; v++) {
                    acc[v] /= wsum;
                }
                marginals[j] = Mst.projectToSimplex(acc, total);
            }
            List<double[][]> joints = new ArrayList<>();
            for (int[] e : edges) {
                double[] acc = new double[sizes[e[0]] * sizes[e[1]]];
                double wsum = 0;
                for (Measurement m : measurements) {
                    if (m.clique().length == 2 && m.clique()[0] == e[0] && m.clique()[1] == e[1]) {
                        double w = 1 / (m.sigma() * m.sigma());
                        for (int i = 0; i < acc.length; i++) {
                            acc[i] += w * m.y()[i];
                        }
                        wsum += w;
                    }
                }
                for (int i = 0; i < acc.length; i++) {
                    acc[i] /= wsum;
                }
                joints.add(Mst.fitMargins(Mst.unflatten(acc, sizes[e[1]]), marginals[e[0]], marginals[e[1]], total));
            }
            return new Forest(sizes, total, marginals, edges, joints);
        }

        boolean isEdge(int a, int b) {
            return edges.stream().anyMatch(e -> e[0] == a && e[1] == b);
        }

        boolean connected(int a, int b) {
            return Mst.find(component, a) == Mst.find(component, b);
        }

        long cells() {
            return cells;
        }

        /** The model's counts on a 1- or 2-way marginal (flattened row-major); two trees apart are independent. */
        double[] answer(int[] cl) {
            if (cl.length == 1) {
                return marginals[cl[0]];
            }
            for (int e = 0; e < edges.size(); e++) {
                if (edges.get(e)[0] == cl[0] && edges.get(e)[1] == cl[1]) {
                    double[][] joint = joints.get(e);
                    double[] flat = new double[sizes[cl[0]] * sizes[cl[1]]];
                    for (int i = 0; i < joint.length; i++) {
                        System.arraycopy(joint[i], 0, flat, i * sizes[cl[1]], sizes[cl[1]]);
                    }
                    return flat;
                }
            }
            if (connected(cl[0], cl[1])) {
                throw new IllegalStateException("columns " + cl[0] + " and " + cl[1] + " are joined by a path of the forest, not an edge");
            }
            double[] flat = new double[sizes[cl[0]] * sizes[cl[1]]];
            for (int i = 0; i < sizes[cl[0]]; i++) {
                for (int k = 0; k < sizes[cl[1]]; k++) {
                    flat[i * sizes[cl[1]] + k] = marginals[cl[0]][i] * marginals[cl[1]][k] / total;
                }
            }
            return flat;
        }

        TreeModel tree() {
            return new TreeModel(sizes, marginals, edges, joints);
        }
    }
}
