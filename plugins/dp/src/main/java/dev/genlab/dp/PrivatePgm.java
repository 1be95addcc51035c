package dev.genlab.dp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Private-PGM (McKenna, Sheldon &amp; Miklau 2019, "Graphical-model based estimation and inference for differential
 * privacy"): the graphical model whose marginals best fit noisy marginal measurements, in the squared L2 loss with
 * each measurement weighted by its Gaussian noise, Σ ‖μ_C − y‖² / (2σ²), over the model's marginals μ (counts: the
 * estimated total × probabilities). The model has one log-potential per measured clique and its marginals come from
 * belief propagation on the cliques' {@link JunctionTree}. The fit is the paper's mirror descent over the marginal
 * polytope: θ ← θ − α ∇_μ L, the step α halved until the loss falls by the Armijo amount (at most 25 halvings), as
 * Private-PGM's {@code mirror_descent} without a given step size; unlike it, α is doubled before an iteration only when
 * the previous one needed no halving (Private-PGM doubles it every time, which on Adult costs a second belief
 * propagation per iteration).
 *
 * <p>One instance keeps its potentials and step between calls, so each {@link #estimate} starts where the previous
 * one ended (AIM's rounds add one measurement at a time); a clique measured for the first time starts at zero.
 */
public final class PrivatePgm {
    /** One noisy measurement: the columns of the marginal (increasing), the noisy counts (row-major), σ. */
    public record Measurement(int[] clique, double[] y, double sigma) {
        public Measurement {
            clique = clique.clone();
            y = y.clone();
        }
    }

    private static final int LINE_SEARCH = 25;

    private final int[] domain;
    private final Map<String, Factor> warm = new LinkedHashMap<>();
    private double alpha = Double.NaN;

    /** @param domain the number of values of each column */
    public PrivatePgm(int[] domain) {
        this.domain = domain.clone();
    }

    /** The model fitted to every measurement so far, after {@code iterations} steps of mirror descent. */
    public GraphicalModel estimate(List<Measurement> measurements, int iterations) {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("need at least one measurement");
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be at least 0, got " + iterations);
        }
        double total = total(measurements);
        List<int[]> cliques = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            String key = Arrays.toString(m.clique());
            if (!index.containsKey(key)) {
                index.put(key, cliques.size());
                cliques.add(m.clique());
            }
        }
        int k = cliques.size();
        int[] of = new int[measurements.size()];
        for (int i = 0; i < of.length; i++) {
            of[i] = index.get(Arrays.toString(measurements.get(i).clique()));
        }
        JunctionTree tree = JunctionTree.of(domain, cliques);
        int[] holder = new int[k];
        Factor[] theta = new Factor[k];
        for (int c = 0; c < k; c++) {
            holder[c] = tree.holding(cliques.get(c));
            Factor old = warm.get(Arrays.toString(cliques.get(c)));
            theta[c] = old != null ? old.copy() : Factor.zeros(cliques.get(c), domain);
        }
        if (Double.isNaN(alpha)) {
            alpha = 1 / total;
        }

        double[][] mu = marginals(tree, holder, cliques, theta, total);
        Evaluation e = evaluate(measurements, of, mu, k);
        boolean grow = true;
        for (int t = 0; t < iterations; t++) {
            Factor[] omega = theta;
            double[][] nu = mu;
            Evaluation current = e;
            if (grow) {
                alpha *= 2;
            }
            grow = true;
            for (int s = 0; s < LINE_SEARCH; s++) {
                theta = new Factor[k];
                for (int c = 0; c < k; c++) {
                    double[] next = omega[c].log.clone();
                    for (int i = 0; i < next.length; i++) {
                        next[i] -= alpha * current.gradient[c][i];
                    }
                    theta[c] = new Factor(omega[c].vars, omega[c].sizes, next);
                }
                mu = marginals(tree, holder, cliques, theta, total);
                e = evaluate(measurements, of, mu, k);
                double expected = 0;
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < mu[c].length; i++) {
                        expected += current.gradient[c][i] * (nu[c][i] - mu[c][i]);
                    }
                }
                if (current.loss - e.loss >= 0.5 * alpha * expected) {
                    break;
                }
                alpha *= 0.5;
                grow = false;
            }
        }
        for (int c = 0; c < k; c++) {
            warm.put(Arrays.toString(cliques.get(c)), theta[c]);
        }
        return new GraphicalModel(domain, total, List.of(theta), tree);
    }

    /** The total: each measurement's sum weighted by the inverse of its variance (cells × σ²); at least 1. */
    static double total(List<Measurement> measurements) {
        double weighted = 0;
        double weights = 0;
        for (Measurement m : measurements) {
            double w = 1 / (m.y().length * m.sigma() * m.sigma());
            weighted += w * TreeModel.sum(m.y());
            weights += w;
        }
        return Math.max(weighted / weights, 1);
    }

    private static double[][] marginals(JunctionTree tree, int[] holder, List<int[]> cliques, Factor[] theta, double total) {
        JunctionTree.Calibrated beliefs = tree.calibrate(List.of(theta));
        double[][] mu = new double[cliques.size()][];
        for (int c = 0; c < mu.length; c++) {
            mu[c] = beliefs.log()[holder[c]].sumLinear(beliefs.probability()[holder[c]], cliques.get(c));
            for (int i = 0; i < mu[c].length; i++) {
                mu[c][i] *= total;
            }
        }
        return mu;
    }

    private record Evaluation(double loss, double[][] gradient) {
    }

    private static Evaluation evaluate(List<Measurement> measurements, int[] of, double[][] mu, int k) {
        double loss = 0;
        double[][] gradient = new double[k][];
        for (int c = 0; c < k; c++) {
            gradient[c] = new double[mu[c].length];
        }
        for (int i = 0; i < of.length; i++) {
            Measurement m = measurements.get(i);
            double[] x = mu[of[i]];
            double[] g = gradient[of[i]];
            double w = 1 / (m.sigma() * m.sigma());
            for (int j = 0; j < x.length; j++) {
                double diff = x[j] - m.y()[j];
                loss += 0.5 * w * diff * diff;
                g[j] += w * diff;
            }
        }
        return new Evaluation(loss, gradient);
    }
}
