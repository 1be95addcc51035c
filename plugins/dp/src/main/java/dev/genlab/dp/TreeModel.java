package dev.genlab.dp;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A distribution over discrete columns that factorises along a tree: the root's marginal, and for every other
 * column its distribution given its parent. It is built from node marginals and edge (2-way) tables that agree with
 * each other, and samples column by column from the root down.
 */
public final class TreeModel {
    private final int[] sizes;
    /** Columns in sampling order (parents before children). */
    private final int[] order;
    /** Parent of each column; -1 for a root. */
    private final int[] parent;
    /** For a root: cumulative marginal, one row; else cumulative distribution given each parent value. */
    private final double[][][] cumulative;
    private final double[][] marginals;
    private final List<int[]> edges;
    private final List<double[][]> joints;

    /**
     * @param sizes     the number of values of each column
     * @param marginals each column's distribution (non-negative; normalised here)
     * @param edges     the tree's edges {a, b}
     * @param joints    for each edge {a, b}, its table [value of a][value of b], non-negative, whose row sums are
     *                  proportional to the marginal of a and column sums to that of b
     */
    TreeModel(int[] sizes, double[][] marginals, List<int[]> edges, List<double[][]> joints) {
        int d = sizes.length;
        this.sizes = sizes.clone();
        this.edges = edges.stream().map(int[]::clone).toList();
        this.joints = List.copyOf(joints);
        this.marginals = new double[d][];
        for (int j = 0; j < d; j++) {
            this.marginals[j] = normalised(marginals[j]);
        }
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            adjacent.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            adjacent.get(edges.get(e)[0]).add(e);
            adjacent.get(edges.get(e)[1]).add(e);
        }
        parent = new int[d];
        Arrays.fill(parent, -2);
        order = new int[d];
        cumulative = new double[d][][];
        int placed = 0;
        for (int root = 0; root < d; root++) {
            if (parent[root] != -2) {
                continue;
            }
            parent[root] = -1;
            cumulative[root] = new double[][] {cumulate(this.marginals[root])};
            Deque<Integer> queue = new ArrayDeque<>(List.of(root));
            while (!queue.isEmpty()) {
                int p = queue.poll();
                order[placed++] = p;
                for (int e : adjacent.get(p)) {
                    int[] edge = edges.get(e);
                    int c = edge[0] == p ? edge[1] : edge[0];
                    if (parent[c] != -2) {
                        continue;
                    }
                    parent[c] = p;
                    double[][] joint = joints.get(e);
                    double[][] given = new double[sizes[p]][];
                    for (int pv = 0; pv < sizes[p]; pv++) {
                        double[] row = new double[sizes[c]];
                        for (int cv = 0; cv < sizes[c]; cv++) {
                            row[cv] = edge[0] == p ? joint[pv][cv] : joint[cv][pv];
                        }
                        // a parent value the tree gives no mass: fall back on the child's own marginal
                        given[pv] = cumulate(sum(row) > 0 ? normalised(row) : this.marginals[c]);
                    }
                    cumulative[c] = given;
                    queue.add(c);
                }
            }
        }
    }

    /** {@code rows} rows, column-major ([column][row]), the same for the same seed. */
    public int[][] sample(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] out = new int[sizes.length][rows];
        for (int r = 0; r < rows; r++) {
            for (int j : order) {
                double[] cdf = parent[j] < 0 ? cumulative[j][0] : cumulative[j][out[parent[j]][r]];
                out[j][r] = draw(cdf, random.nextDouble());
            }
        }
        return out;
    }

    /** The tree's edges {a, b}. */
    public List<int[]> edges() {
        return edges.stream().map(int[]::clone).toList();
    }

    /** Writes what {@link #read(DataInput)} needs to rebuild this model. */
    void write(DataOutput out) throws IOException {
        out.writeInt(sizes.length);
        for (int size : sizes) {
            out.writeInt(size);
        }
        for (double[] m : marginals) {
            for (double v : m) {
                out.writeDouble(v);
            }
        }
        out.writeInt(edges.size());
        for (int e = 0; e < edges.size(); e++) {
            out.writeInt(edges.get(e)[0]);
            out.writeInt(edges.get(e)[1]);
            for (double[] row : joints.get(e)) {
                for (double v : row) {
                    out.writeDouble(v);
                }
            }
        }
    }

    static TreeModel read(DataInput in) throws IOException {
        int[] sizes = new int[in.readInt()];
        for (int j = 0; j < sizes.length; j++) {
            sizes[j] = in.readInt();
        }
        double[][] marginals = new double[sizes.length][];
        for (int j = 0; j < sizes.length; j++) {
            marginals[j] = new double[sizes[j]];
            for (int v = 0; v < sizes[j]; v++) {
                marginals[j][v] = in.readDouble();
            }
        }
        int count = in.readInt();
        List<int[]> edges = new ArrayList<>();
        List<double[][]> joints = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int a = in.readInt();
            int b = in.readInt();
            double[][] joint = new double[sizes[a]][sizes[b]];
            for (double[] row : joint) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = in.readDouble();
                }
            }
            edges.add(new int[] {a, b});
            joints.add(joint);
        }
        return new TreeModel(sizes, marginals, edges, joints);
    }

    /** The number of values of each column. */
    int[] sizes() {
        return sizes.clone();
    }

    /** Each edge's table, as given to the constructor. */
    List<double[][]> joints() {
        return joints;
    }

    /** The model's marginal distribution of column j. */
    public double[] marginal(int j) {
        return marginals[j].clone();
    }

    private static int draw(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (u < cdf[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double[] cumulate(double[] p) {
        double[] c = new double[p.length];
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i];
            c[i] = s;
        }
        c[p.length - 1] = 1.0;
        return c;
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private static double[] normalised(double[] x) {
        double s = sum(x);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = s > 0 ? x[i] / s : 1.0 / x.length;
        }
        return out;
    }
}
