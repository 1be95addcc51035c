package dev.genlab.dp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestGraphicalModel {
    /** Log-potentials with values drawn from [−2, 2] on each clique. */
    static List<Factor> potentials(int[] domain, int[][] cliques, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Factor> out = new ArrayList<>();
        for (int[] c : cliques) {
            Factor f = Factor.zeros(c, domain);
            for (int i = 0; i < f.log.length; i++) {
                f.log[i] = 4 * random.nextDouble() - 2;
            }
            out.add(f);
        }
        return out;
    }

    /** The probability of every full assignment (row-major over all columns), by enumeration. */
    static double[] bruteForce(int[] domain, List<Factor> potentials) {
        int cells = Factor.cells(domain);
        double[] p = new double[cells];
        double z = 0;
        int[] x = new int[domain.length];
        for (int cell = 0; cell < cells; cell++) {
            int rest = cell;
            for (int j = domain.length - 1; j >= 0; j--) {
                x[j] = rest % domain[j];
                rest /= domain[j];
            }
            double s = 0;
            for (Factor f : potentials) {
                int i = 0;
                for (int k = 0; k < f.vars.length; k++) {
                    i = i * f.sizes[k] + x[f.vars[k]];
                }
                s += f.log[i];
            }
            p[cell] = Math.exp(s);
            z += p[cell];
        }
        for (int cell = 0; cell < cells; cell++) {
            p[cell] /= z;
        }
        return p;
    }

    /** The marginal of {@code vars} (increasing) of a full joint table, row-major. */
    static double[] marginal(int[] domain, double[] joint, int[] vars) {
        int[] sizes = new int[vars.length];
        for (int k = 0; k < vars.length; k++) {
            sizes[k] = domain[vars[k]];
        }
        double[] out = new double[Factor.cells(sizes)];
        int[] x = new int[domain.length];
        for (int cell = 0; cell < joint.length; cell++) {
            int rest = cell;
            for (int j = domain.length - 1; j >= 0; j--) {
                x[j] = rest % domain[j];
                rest /= domain[j];
            }
            int i = 0;
            for (int v : vars) {
                i = i * domain[v] + x[v];
            }
            out[i] += joint[cell];
        }
        return out;
    }

    static List<int[]> allSubsets(int d, int most) {
        List<int[]> out = new ArrayList<>();
        for (int m = 1; m < 1 << d; m++) {
            int mask = m;
            if (Integer.bitCount(mask) <= most) {
                out.add(java.util.stream.IntStream.range(0, d).filter(j -> (mask >> j & 1) == 1).toArray());
            }
        }
        return out;
    }

    private static void assertMarginalsMatch(int[] domain, int[][] cliques, long seed, int most) {
        List<Factor> potentials = potentials(domain, cliques, seed);
        double[] joint = bruteForce(domain, potentials);
        GraphicalModel model = new GraphicalModel(domain, 1000, potentials);
        for (int[] vars : allSubsets(domain.length, most)) {
            double[] expected = marginal(domain, joint, vars);
            double[] actual = model.project(vars);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(1000 * expected[i], actual[i], 1e-9, "cell " + i + " of the marginal of " + java.util.Arrays.toString(vars));
            }
        }
    }

    @Test
    void beliefPropagationOnALoopEqualsEnumeration() {
        // 4 binary columns in a loop 0-1-2-3-0: the junction tree needs a chord, so two nodes of three columns
        int[] domain = {2, 2, 2, 2};
        int[][] loop = {{0, 1}, {1, 2}, {2, 3}, {0, 3}, {2}};
        assertMarginalsMatch(domain, loop, 1, 4);
        GraphicalModel model = new GraphicalModel(domain, 1, potentials(domain, loop, 1));
        assertEquals(2, model.treeCliques().size(), "a 4-cycle triangulates into two triangles");
        assertTrue(model.treeCliques().stream().allMatch(c -> c.length == 3));
    }

    @Test
    void beliefPropagationOnTwoCyclesAndATripleEqualsEnumeration() {
        // columns of 2 to 4 values: a 5-cycle 0-1-2-3-4-0, a 3-way potential {1, 4, 5}; pairs and triples that no node
        // holds are answered by variable elimination over a subtree
        int[] domain = {3, 2, 4, 2, 3, 2};
        int[][] cliques = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {0, 4}, {1, 4, 5}, {3}};
        assertMarginalsMatch(domain, cliques, 2, 3);
    }

    @Test
    void samplesFollowTheModelAndTheSeed() throws IOException {
        int[] domain = {2, 3, 2, 2};
        List<Factor> potentials = potentials(domain, new int[][] {{0, 1}, {1, 2}, {2, 3}, {0, 3}}, 3);
        double[] joint = bruteForce(domain, potentials);
        GraphicalModel model = new GraphicalModel(domain, 1, potentials);
        int rows = 200_000;
        int[][] x = model.sample(rows, 5);
        double[] seen = new double[joint.length];
        for (int r = 0; r < rows; r++) {
            int i = 0;
            for (int j = 0; j < domain.length; j++) {
                i = i * domain[j] + x[j][r];
            }
            seen[i] += 1.0 / rows;
        }
        double tv = 0;
        for (int i = 0; i < joint.length; i++) {
            tv += Math.abs(seen[i] - joint[i]) / 2;
        }
        // 24 cells, 200,000 rows: the sampling error alone is about 0.005
        assertTrue(tv < 0.01, "total variation of the sampled joint from the model's: " + tv);
        int[][] again = model.sample(1000, 5);
        int[][] once = model.sample(1000, 5);
        for (int j = 0; j < domain.length; j++) {
            assertArrayEquals(once[j], again[j], "the same seed samples the same rows");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(new DataOutputStream(bytes));
        GraphicalModel back = GraphicalModel.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        int[][] loaded = back.sample(1000, 5);
        for (int j = 0; j < domain.length; j++) {
            assertArrayEquals(again[j], loaded[j], "written and read, the model samples the same rows");
        }
    }
}
