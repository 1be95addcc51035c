package dev.genlab.dp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A junction tree of a set of cliques over discrete columns: the graph joining every two columns that share a clique
 * is triangulated by greedy elimination (each step removes the column whose neighbourhood has the fewest cells, ties
 * by the fewest fill-in edges, then the lowest index), the elimination cliques that are maximal become the tree's
 * nodes, and the nodes are joined by a maximum spanning tree on the number of columns they share (Kruskal, ties by
 * index), which gives the running intersection property. Disconnected parts are joined by empty separators.
 *
 * <p>It calibrates log-potentials by belief propagation (one pass up to the root, one down) into every node's
 * log-marginal, answers a marginal that no node holds by variable elimination on the smallest subtree that covers its
 * columns, and samples rows node by node from the root down.
 */
final class JunctionTree {
    private final int[] domain;
    private final List<int[]> cliques;
    /** Nodes in root-first order; parent of each node (−1 for the root); each node's separator with its parent. */
    private final int[] order;
    private final int[] parent;
    private final int[][] separators;

    private JunctionTree(int[] domain, List<int[]> cliques) {
        this.domain = domain;
        this.cliques = cliques;
        int k = cliques.size();
        List<int[]> links = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                links.add(new int[] {a, b, shared(cliques.get(a), cliques.get(b)).length});
            }
        }
        links.sort(Comparator.<int[]>comparingInt(l -> -l[2]).thenComparingInt(l -> l[0]).thenComparingInt(l -> l[1]));
        int[] component = new int[k];
        for (int i = 0; i < k; i++) {
            component[i] = i;
        }
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            adjacent.add(new ArrayList<>());
        }
        for (int[] l : links) {
            int ra = Mst.find(component, l[0]);
            int rb = Mst.find(component, l[1]);
            if (ra != rb) {
                component[ra] = rb;
                adjacent.get(l[0]).add(l[1]);
                adjacent.get(l[1]).add(l[0]);
            }
        }
        order = new int[k];
        parent = new int[k];
        separators = new int[k][];
        Arrays.fill(parent, -2);
        parent[0] = -1;
        separators[0] = new int[0];
        int head = 0;
        int placed = 1;
        while (head < placed) {
            int p = order[head++];
            for (int c : adjacent.get(p)) {
                if (parent[c] == -2) {
                    parent[c] = p;
                    separators[c] = shared(cliques.get(c), cliques.get(p));
                    order[placed++] = c;
                }
            }
        }
    }

    /** The junction tree of {@code measured} (each a set of columns, increasing) and every single column. */
    static JunctionTree of(int[] domain, List<int[]> measured) {
        return new JunctionTree(domain.clone(), triangulate(domain, measured));
    }

    /** The total cells of the junction tree's node tables for these cliques (Private-PGM's model size / 8 bytes). */
    static long cells(int[] domain, List<int[]> measured) {
        long n = 0;
        for (int[] c : triangulate(domain, measured)) {
            long cells = 1;
            for (int v : c) {
                cells *= domain[v];
            }
            n += cells;
        }
        return n;
    }

    /** The maximal cliques of the greedy triangulation, in the order elimination found them. */
    private static List<int[]> triangulate(int[] domain, List<int[]> measured) {
        int d = domain.length;
        BitSet[] adjacent = new BitSet[d];
        for (int v = 0; v < d; v++) {
            adjacent[v] = new BitSet(d);
        }
        for (int[] c : measured) {
            for (int a : c) {
                for (int b : c) {
                    if (a != b) {
                        adjacent[a].set(b);
                    }
                }
            }
        }
        BitSet left = new BitSet(d);
        left.set(0, d);
        List<int[]> found = new ArrayList<>();
        while (!left.isEmpty()) {
            int best = -1;
            double bestCells = Double.POSITIVE_INFINITY;
            int bestFill = Integer.MAX_VALUE;
            for (int v = left.nextSetBit(0); v >= 0; v = left.nextSetBit(v + 1)) {
                double cells = domain[v];
                int fill = 0;
                for (int a = adjacent[v].nextSetBit(0); a >= 0; a = adjacent[v].nextSetBit(a + 1)) {
                    cells *= domain[a];
                    for (int b = adjacent[v].nextSetBit(a + 1); b >= 0; b = adjacent[v].nextSetBit(b + 1)) {
                        if (!adjacent[a].get(b)) {
                            fill++;
                        }
                    }
                }
                if (cells < bestCells || (cells == bestCells && fill < bestFill)) {
                    best = v;
                    bestCells = cells;
                    bestFill = fill;
                }
            }
            BitSet clique = (BitSet) adjacent[best].clone();
            clique.set(best);
            found.add(clique.stream().toArray());
            for (int a = adjacent[best].nextSetBit(0); a >= 0; a = adjacent[best].nextSetBit(a + 1)) {
                adjacent[a].or(adjacent[best]);
                adjacent[a].clear(a);
                adjacent[a].clear(best);
            }
            left.clear(best);
            adjacent[best].clear();
        }
        List<int[]> maximal = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            boolean inside = false;
            for (int j = 0; j < found.size() && !inside; j++) {
                int[] a = found.get(i);
                int[] b = found.get(j);
                inside = j != i && subset(a, b) && (a.length < b.length || j < i);
            }
            if (!inside) {
                maximal.add(found.get(i));
            }
        }
        return maximal;
    }

    List<int[]> cliques() {
        return cliques;
    }

    /** The first node holding every column of {@code vars}, −1 if none does; the smallest such node. */
    int holding(int[] vars) {
        int best = -1;
        long bestCells = Long.MAX_VALUE;
        for (int i = 0; i < cliques.size(); i++) {
            if (subset(vars, cliques.get(i))) {
                long cells = 1;
                for (int v : cliques.get(i)) {
                    cells *= domain[v];
                }
                if (cells < bestCells) {
                    best = i;
                    bestCells = cells;
                }
            }
        }
        return best;
    }

    /**
     * Every node's log-marginal (log-probabilities, each summing to 1) under the distribution ∝ exp(Σ potentials),
     * each potential's columns being inside some node.
     */
    Calibrated calibrate(List<Factor> potentials) {
        int k = cliques.size();
        Factor[] belief = new Factor[k];
        for (int i = 0; i < k; i++) {
            belief[i] = Factor.zeros(cliques.get(i), domain);
        }
        for (Factor p : potentials) {
            int node = holding(p.vars);
            if (node < 0) {
                throw new IllegalArgumentException("no node of the junction tree holds columns " + Arrays.toString(p.vars));
            }
            belief[node].addInPlace(p, 1);
        }
        Factor[] up = new Factor[k];
        for (int i = k - 1; i >= 1; i--) {
            int c = order[i];
            up[c] = belief[c].sumTo(separators[c]);
            belief[parent[c]].addInPlace(up[c], 1);
        }
        // a node's belief is final before its children's messages are computed: normalise it once, then every
        // message down is a linear sum of its probabilities (the log of a separator cell that underflowed is redone)
        double[][] probability = new double[k][];
        for (int i = 0; i < k; i++) {
            int c = order[i];
            if (i > 0) {
                int p = parent[c];
                double[] sums = belief[p].sumLinear(probability[p], separators[c]);
                Factor down = new Factor(up[c].vars, up[c].sizes, sums);
                boolean underflow = false;
                for (int j = 0; j < sums.length; j++) {
                    underflow |= sums[j] == 0;
                    sums[j] = Math.log(sums[j]);
                }
                if (underflow) {
                    down = belief[p].sumTo(separators[c]);
                }
                down.addInPlace(up[c], -1);
                belief[c].addInPlace(down, 1);
            }
            probability[c] = belief[c].normalise();
        }
        return new Calibrated(belief, probability);
    }

    /** Every node's log-marginal (log-probabilities) and the same as probabilities. */
    record Calibrated(Factor[] log, double[][] probability) {
    }

    /**
     * The log-marginal of {@code vars} (increasing) from calibrated beliefs: summed out of a node that holds them, or
     * else by variable elimination over the product of the beliefs of the smallest subtree covering them divided by
     * its separators' marginals (which is that subtree's joint distribution).
     */
    Factor marginal(Calibrated calibrated, int[] vars) {
        Factor[] belief = calibrated.log();
        int node = holding(vars);
        if (node >= 0) {
            return belief[node].sumTo(vars);
        }
        int k = cliques.size();
        boolean[] needed = new boolean[k];
        for (int v : vars) {
            needed[holding(new int[] {v})] = true;
        }
        boolean[] alive = new boolean[k];
        Arrays.fill(alive, true);
        boolean pruned = true;
        while (pruned) {
            pruned = false;
            for (int c = 0; c < k; c++) {
                if (alive[c] && !needed[c] && degree(c, alive) <= 1) {
                    alive[c] = false;
                    pruned = true;
                }
            }
        }
        List<Factor> factors = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (alive[c]) {
                factors.add(belief[c]);
                if (parent[c] >= 0 && alive[parent[c]]) {
                    Factor sep = belief[c].sumTo(separators[c]);
                    for (int i = 0; i < sep.log.length; i++) {
                        sep.log[i] = -sep.log[i];
                    }
                    factors.add(sep);
                }
            }
        }
        return eliminate(factors, vars);
    }

    private int degree(int c, boolean[] alive) {
        int n = parent[c] >= 0 && alive[parent[c]] ? 1 : 0;
        for (int o = 0; o < parent.length; o++) {
            if (parent[o] == c && alive[o]) {
                n++;
            }
        }
        return n;
    }

    /** Sums every column but {@code keep} out of the product of the factors, the column with the smallest product first. */
    private Factor eliminate(List<Factor> factors, int[] keep) {
        List<Factor> left = new ArrayList<>(factors);
        while (true) {
            int[] all = left.stream().map(f -> f.vars).reduce(new int[0], Factor::union);
            int best = -1;
            double bestCells = Double.POSITIVE_INFINITY;
            for (int v : all) {
                if (Arrays.binarySearch(keep, v) >= 0) {
                    continue;
                }
                int[] joined = new int[0];
                for (Factor f : left) {
                    if (Arrays.binarySearch(f.vars, v) >= 0) {
                        joined = Factor.union(joined, f.vars);
                    }
                }
                double cells = 1;
                for (int u : joined) {
                    cells *= domain[u];
                }
                if (cells < bestCells) {
                    best = v;
                    bestCells = cells;
                }
            }
            if (best < 0) {
                Factor product = left.get(0);
                for (int i = 1; i < left.size(); i++) {
                    product = product.times(left.get(i));
                }
                return product.sumTo(keep);
            }
            int v = best;
            Factor product = null;
            List<Factor> rest = new ArrayList<>();
            for (Factor f : left) {
                if (Arrays.binarySearch(f.vars, v) >= 0) {
                    product = product == null ? f : product.times(f);
                } else {
                    rest.add(f);
                }
            }
            rest.add(product.sumTo(Arrays.stream(product.vars).filter(u -> u != v).toArray()));
            left = rest;
        }
    }

    /**
     * {@code rows} rows (column-major, [column][row]) drawn from calibrated beliefs: the root node's columns from its
     * marginal, then each node's other columns from its marginal given its separator's values.
     */
    int[][] sample(Calibrated calibrated, int rows, SplittableRandom random) {
        Factor[] belief = calibrated.log();
        int[][] out = new int[domain.length][rows];
        for (int c : order) {
            Factor b = belief[c];
            int[] sep = separators[c];
            int[] rest = Arrays.stream(b.vars).filter(v -> Arrays.binarySearch(sep, v) < 0).toArray();
            int[] sepSizes = Arrays.stream(sep).map(v -> domain[v]).toArray();
            int[] restSizes = Arrays.stream(rest).map(v -> domain[v]).toArray();
            int restCells = Factor.cells(restSizes);
            int[] sepStrides = b.stridesOf(sep, sepSizes);
            int[] restStrides = b.stridesOf(rest, restSizes);
            // the node's probabilities rearranged as [separator value][other columns' value], then cumulated per row
            double[] table = new double[b.log.length];
            int[] counter = new int[b.vars.length];
            int s = 0;
            int r = 0;
            for (int cell = 0; cell < b.log.length; cell++) {
                table[s * restCells + r] = calibrated.probability()[c][cell];
                for (int q = b.vars.length - 1; q >= 0; q--) {
                    s += sepStrides[q];
                    r += restStrides[q];
                    if (++counter[q] < b.sizes[q]) {
                        break;
                    }
                    s -= sepStrides[q] * b.sizes[q];
                    r -= restStrides[q] * b.sizes[q];
                    counter[q] = 0;
                }
            }
            for (int row = 0; row < table.length / restCells; row++) {
                double acc = 0;
                for (int i = row * restCells; i < (row + 1) * restCells; i++) {
                    acc += table[i];
                    table[i] = acc;
                }
                for (int i = row * restCells; i < (row + 1) * restCells; i++) {
                    // a separator value of no mass (only by underflow): its other columns uniform
                    table[i] = acc > 0 ? table[i] / acc : (i - row * restCells + 1.0) / restCells;
                }
            }
            for (int row = 0; row < rows; row++) {
                int index = 0;
                for (int i = 0; i < sep.length; i++) {
                    index = index * sepSizes[i] + out[sep[i]][row];
                }
                int drawn = draw(table, index * restCells, restCells, random.nextDouble());
                for (int i = rest.length - 1; i >= 0; i--) {
                    out[rest[i]][row] = drawn % restSizes[i];
                    drawn /= restSizes[i];
                }
            }
        }
        return out;
    }

    private static int draw(double[] cdf, int from, int length, double u) {
        int lo = 0;
        int hi = length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (u < cdf[from + mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static boolean subset(int[] a, int[] b) {
        for (int v : a) {
            if (Arrays.binarySearch(b, v) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] shared(int[] a, int[] b) {
        return Arrays.stream(a).filter(v -> Arrays.binarySearch(b, v) >= 0).toArray();
    }
}
