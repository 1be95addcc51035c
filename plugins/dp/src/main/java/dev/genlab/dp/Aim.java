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
 * <p>As the paper's algorithm: the workload is every 2-way (or 3-way) marginal, with weight 1 each; the candidates
 * are every marginal inside a workload marginal (1-, 2- and, for the 3-way workload, 3-way), weighted by their overlap
 * with the workload. Every 1-way marginal is measured first (Gaussian, σ = √(T / (2·0.9ρ)) for T = 16·d rounds).
 * Each round then picks the candidate the current model answers worst by the exponential mechanism (ε = √(8·0.1ρ /
 * T); quality = weight × (L1 error of the model's answer − the expected L1 of the noise, σ√(2/π)·cells), sensitivity
 * the largest weight), among the candidates inside a measured clique and those whose addition keeps the model's
 * junction tree within max-model-size × the share of ρ spent so far (the paper's size rule: the tree's node tables
 * × 8 bytes), measures it with Gaussian noise and re-estimates the model with {@link PrivatePgm} (mirror descent,
 * started from the previous round's potentials). When the model's answer moved less than the noise could explain, σ
 * halves and ε doubles (annealing); when what is left cannot pay for two more rounds, the last round spends all of it.
 */
public final class Aim {
    private static final double ONE_WAY_ROUNDS_PER_COLUMN = 16;
    /**
     * Mirror-descent iterations per estimate, each started from the previous one. The paper's code runs 1000; on Adult
     * (ε = 0.5, 4, 16) 200 instead of 50 moved the mean 2-way total variation by at most 0.0015 and took 2.6 to 6.7 times
     * as long.
     */
    public static final int ITERATIONS = 50;

    /** What a fit produced: the model, and the privacy it spent. */
    public record Result(GraphicalModel model, ZcdpAccountant ledger, double delta) {
        /** The ε actually spent at δ (never above the configured ε). */
        public double epsilonSpent() {
            return ledger.epsilon(delta);
        }
    }

    private Aim() {
    }

    /** {@link #fit(int[][], int[], double, double, int, double, int, int, long)} with {@link #ITERATIONS}. */
    public static Result fit(int[][] columns, int[] sizes, double epsilon, double delta, int degree, double maxModelSize, int rounds, long seed) {
        return fit(columns, sizes, epsilon, delta, degree, maxModelSize, rounds, ITERATIONS, seed);
    }

    /**
     * @param columns      column-major codes, [column][row], each in 0..sizes[column]-1
     * @param sizes        the number of values of each column, from the public domain (never from the data)
     * @param degree       2 or 3: the workload is every marginal of that many columns
     * @param maxModelSize the largest model, in megabytes of 8-byte cells (the paper's default is 80)
     * @param rounds       the paper's T, which sets the starting σ and ε; 0 for 16 × the number of columns
     * @param iterations   mirror-descent iterations of each estimate, started from the previous estimate's potentials
     * @param seed         every noise draw and selection derives from it
     */
    public static Result fit(int[][] columns, int[] sizes, double epsilon, double delta, int degree, double maxModelSize, int rounds,
            int iterations, long seed) {
        PrivacyArguments.epsilon(epsilon);
        PrivacyArguments.delta(delta);
        if (degree != 2 && degree != 3) {
            throw new IllegalArgumentException("degree must be 2 or 3, got " + degree);
        }
        PrivacyArguments.positive("maxModelSize", maxModelSize);
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be at least 0, got " + rounds);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
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
            answers.put(key, counts(columns, sizes, clique(key)));
        }

        PrivatePgm estimator = new PrivatePgm(sizes);
        List<PrivatePgm.Measurement> measurements = new ArrayList<>();
        double used = 0;
        for (int j = 0; j < d; j++) {
            measurements.add(new PrivatePgm.Measurement(new int[] {j}, Mst.noisy(answers.get(key(j)), sigma, random), sigma));
            ledger.gaussian("1-way marginal of column " + j, 1, sigma);
            used += ZcdpAccountant.gaussianRho(1, sigma);
        }
        GraphicalModel model = estimator.estimate(measurements, iterations);
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
            List<int[]> measured = model.cliques();
            List<String> open = new ArrayList<>();
            for (String key : weights.keySet()) {
                int[] cl = clique(key);
                boolean inModel = measured.stream().anyMatch(m -> JunctionTree.subset(cl, m));
                if (inModel || JunctionTree.cells(sizes, with(measured, cl)) <= sizeLimit) {
                    open.add(key);
                }
            }
            double[] logits = new double[open.size()];
            double maxWeight = open.stream().mapToDouble(weights::get).max().orElseThrow();
            for (int i = 0; i < open.size(); i++) {
                int[] cl = clique(open.get(i));
                double[] x = answers.get(open.get(i));
                double bias = Math.sqrt(2 / Math.PI) * sigma * x.length;
                double quality = weights.get(open.get(i)) * (l1(x, model.project(cl)) - bias);
                logits[i] = 0.5 * selectEpsilon / maxWeight * quality;
            }
            String chosen = open.get(Mst.exponentialMechanism(logits, random));
            int[] cl = clique(chosen);
            String name = (cl.length == 1 ? "column " : "columns ") + chosen;
            ledger.exponential("round " + round + ": select " + name, selectEpsilon);
            measurements.add(new PrivatePgm.Measurement(cl, Mst.noisy(answers.get(chosen), sigma, random), sigma));
            ledger.gaussian("round " + round + ": measure " + name, 1, sigma);
            double[] before = model.project(cl);
            model = estimator.estimate(measurements, iterations);
            if (l1(model.project(cl), before) <= sigma * Math.sqrt(2 / Math.PI) * before.length) {
                sigma /= 2;
                selectEpsilon *= 2;
            }
        }
        return new Result(model, ledger, delta);
    }

    /** The candidates of the workload of every {@code degree}-way marginal (all its subsets), weighted by their overlap with it. */
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
            weights.put(key(a), overlap(workload, a));
        }
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                weights.put(key(a, b), overlap(workload, a, b));
            }
        }
        if (degree == 3) {
            for (int[] m : workload) {
                weights.put(key(m), overlap(workload, m));
            }
        }
        return weights;
    }

    /** Σ over the workload's marginals of how many of the columns {@code cl} each contains. */
    private static double overlap(List<int[]> workload, int... cl) {
        double w = 0;
        for (int[] m : workload) {
            for (int c : m) {
                for (int x : cl) {
                    if (c == x) {
                        w++;
                    }
                }
            }
        }
        return w;
    }

    private static String key(int... cl) {
        StringBuilder s = new StringBuilder();
        for (int c : cl) {
            s.append(s.length() == 0 ? "" : ",").append(c);
        }
        return s.toString();
    }

    private static int[] clique(String key) {
        String[] parts = key.split(",");
        int[] cl = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            cl[i] = Integer.parseInt(parts[i]);
        }
        return cl;
    }

    private static List<int[]> with(List<int[]> cliques, int[] cl) {
        List<int[]> out = new ArrayList<>(cliques);
        out.add(cl);
        return out;
    }

    /** The true counts of the columns {@code cl} (increasing), row-major. */
    static double[] counts(int[][] columns, int[] sizes, int[] cl) {
        int cells = 1;
        for (int c : cl) {
            cells *= sizes[c];
        }
        double[] out = new double[cells];
        for (int r = 0; r < columns[0].length; r++) {
            int i = 0;
            for (int c : cl) {
                i = i * sizes[c] + columns[c][r];
            }
            out[i]++;
        }
        return out;
    }

    private static double l1(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] - y[i]);
        }
        return s;
    }
}
