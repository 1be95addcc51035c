package dev.genlab.dp;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A distribution over discrete columns ∝ exp(Σ of log-potentials over cliques of columns), with its estimated number
 * of rows. Its marginals come from the {@link JunctionTree} of the cliques, calibrated once when it is made; it
 * samples rows from that tree, node by node from the root down.
 */
public final class GraphicalModel {
    private final int[] domain;
    private final double total;
    private final List<Factor> potentials;
    private final JunctionTree tree;
    private final JunctionTree.Calibrated beliefs;

    GraphicalModel(int[] domain, double total, List<Factor> potentials) {
        this(domain, total, potentials, JunctionTree.of(domain, potentials.stream().map(f -> f.vars).toList()));
    }

    GraphicalModel(int[] domain, double total, List<Factor> potentials, JunctionTree tree) {
        this.domain = domain.clone();
        this.total = total;
        this.potentials = List.copyOf(potentials);
        this.tree = tree;
        this.beliefs = tree.calibrate(potentials);
    }

    /** The model's counts (probabilities × its total) on the columns {@code vars} (increasing), row-major. */
    public double[] project(int[] vars) {
        int node = tree.holding(vars);
        if (node >= 0) {
            double[] out = beliefs.log()[node].sumLinear(beliefs.probability()[node], vars);
            for (int i = 0; i < out.length; i++) {
                out[i] *= total;
            }
            return out;
        }
        Factor m = tree.marginal(beliefs, vars);
        double[] out = new double[m.log.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = total * Math.exp(m.log[i]);
        }
        return out;
    }

    /** {@code rows} rows, column-major ([column][row]), the same for the same seed. */
    public int[][] sample(int rows, long seed) {
        return tree.sample(beliefs, rows, new SplittableRandom(seed));
    }

    /** The cliques that carry a potential (the measured ones), each a set of columns in increasing order. */
    public List<int[]> cliques() {
        return potentials.stream().map(f -> f.vars.clone()).toList();
    }

    /** The junction tree's nodes (the triangulated model's maximal cliques). */
    List<int[]> treeCliques() {
        return tree.cliques();
    }

    /** Writes what {@link #read(DataInput)} needs: the domain, the total, each potential's columns and log-values. */
    void write(DataOutput out) throws IOException {
        out.writeInt(domain.length);
        for (int size : domain) {
            out.writeInt(size);
        }
        out.writeDouble(total);
        out.writeInt(potentials.size());
        for (Factor f : potentials) {
            out.writeInt(f.vars.length);
            for (int v : f.vars) {
                out.writeInt(v);
            }
            for (double v : f.log) {
                out.writeDouble(v);
            }
        }
    }

    static GraphicalModel read(DataInput in) throws IOException {
        int[] domain = new int[in.readInt()];
        for (int j = 0; j < domain.length; j++) {
            domain[j] = in.readInt();
        }
        double total = in.readDouble();
        int count = in.readInt();
        List<Factor> potentials = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            int[] vars = new int[in.readInt()];
            for (int i = 0; i < vars.length; i++) {
                vars[i] = in.readInt();
                if (vars[i] < 0 || vars[i] >= domain.length || (i > 0 && vars[i] <= vars[i - 1])) {
                    throw new IOException("potential " + p + " has columns out of order or outside 0.." + (domain.length - 1));
                }
            }
            Factor f = Factor.zeros(vars, domain);
            for (int i = 0; i < f.log.length; i++) {
                f.log[i] = in.readDouble();
            }
            potentials.add(f);
        }
        return new GraphicalModel(domain, total, potentials);
    }
}
