package dev.genlab.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestPrivatePgm {
    static final int ROWS = 50_000;
    /** 4 columns of 3 values in a loop 0-1-2-3-0, each edge pulling its two columns to be equal. */
    static final int[] LOOP_SIZES = {3, 3, 3, 3};
    static final int[][] LOOP = {{0, 1}, {1, 2}, {2, 3}, {0, 3}};

    /** Rows drawn from the loop model p(x) ∝ exp(1.5 × Σ over the loop's edges of [x_a = x_b]), by enumeration. */
    static int[][] loopData(long seed) {
        List<Factor> potentials = new ArrayList<>();
        for (int[] e : LOOP) {
            Factor f = Factor.zeros(e, LOOP_SIZES);
            for (int a = 0; a < 3; a++) {
                f.log[a * 3 + a] = 1.5;
            }
            potentials.add(f);
        }
        return draw(TestGraphicalModel.bruteForce(LOOP_SIZES, potentials), LOOP_SIZES, seed);
    }

    /** Rows of 3 binary columns: 0 and 1 fair coins, 2 = 0 XOR 1 nine times in ten (every pair is independent). */
    static int[][] xorData(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] x = new int[3][ROWS];
        for (int r = 0; r < ROWS; r++) {
            x[0][r] = random.nextInt(2);
            x[1][r] = random.nextInt(2);
            x[2][r] = random.nextDouble() < 0.9 ? x[0][r] ^ x[1][r] : random.nextInt(2);
        }
        return x;
    }

    private static int[][] draw(double[] joint, int[] sizes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] x = new int[sizes.length][ROWS];
        for (int r = 0; r < ROWS; r++) {
            double u = random.nextDouble();
            int cell = 0;
            while (cell < joint.length - 1 && (u -= joint[cell]) >= 0) {
                cell++;
            }
            for (int j = sizes.length - 1; j >= 0; j--) {
                x[j][r] = cell % sizes[j];
                cell /= sizes[j];
            }
        }
        return x;
    }

    static double totalVariation(double[] p, double[] q) {
        double sp = TreeModel.sum(p);
        double sq = TreeModel.sum(q);
        double tv = 0;
        for (int i = 0; i < p.length; i++) {
            tv += Math.abs(p[i] / sp - q[i] / sq) / 2;
        }
        return tv;
    }

    @Test
    void fitsTheMarginalsOfALoopAndThePairsItNeverMeasured() {
        int[][] real = loopData(1);
        double sigma = 1;
        SplittableRandom noise = new SplittableRandom(2);
        List<PrivatePgm.Measurement> measurements = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            measurements.add(new PrivatePgm.Measurement(new int[] {j}, Mst.noisy(Aim.counts(real, LOOP_SIZES, new int[] {j}), sigma, noise), sigma));
        }
        for (int[] e : LOOP) {
            measurements.add(new PrivatePgm.Measurement(e, Mst.noisy(Aim.counts(real, LOOP_SIZES, e), sigma, noise), sigma));
        }
        GraphicalModel model = new PrivatePgm(LOOP_SIZES).estimate(measurements, 1000);
        double worst = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                int[] pair = {a, b};
                double tv = totalVariation(Aim.counts(real, LOOP_SIZES, pair), model.project(pair));
                worst = Math.max(worst, tv);
            }
        }
        // every pair, the chords 0-2 and 1-3 included (never measured, right because the loop is the true structure);
        // a forest holds at most 3 of the 4 loop edges and answers the fourth through a path
        assertTrue(worst < 0.005, "largest total variation over the 6 pairs: " + worst);
        assertEquals(2, model.treeCliques().size(), "the loop triangulates into two nodes of 3 columns");
        // MST's tree estimator at the same data and a large ε: its tree leaves one loop edge out
        int[][] tree = Mst.fit(real, LOOP_SIZES, 1000, 1e-6, 5).model().sample(ROWS, 6);
        double treeWorst = 0;
        for (int[] e : LOOP) {
            treeWorst = Math.max(treeWorst, totalVariation(Aim.counts(real, LOOP_SIZES, e), Aim.counts(tree, LOOP_SIZES, e)));
        }
        assertTrue(treeWorst > 0.1, "a tree cannot hold the loop: " + treeWorst);
    }

    @Test
    void aimAtALargeEpsilonMeasuresTheLoopAndSamplesItsMarginals() {
        int[][] real = loopData(3);
        Aim.Result fit = Aim.fit(real, LOOP_SIZES, 1000, 1e-6, 2, 1, 0, 7);
        assertTrue(TestAim.pairs(fit).containsAll(List.of("0-1", "1-2", "2-3", "0-3")), "measured " + TestAim.pairs(fit));
        int[][] synthetic = fit.model().sample(ROWS, 11);
        double worst = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                int[] pair = {a, b};
                worst = Math.max(worst, totalVariation(Aim.counts(real, LOOP_SIZES, pair), Aim.counts(synthetic, LOOP_SIZES, pair)));
            }
        }
        assertTrue(worst < 0.015, "largest total variation over the 6 pairs of 50,000 sampled rows: " + worst);
    }

    @Test
    void aimWithTheThreeWayWorkloadCapturesAThreeWayDependency() {
        int[][] real = xorData(4);
        int[] sizes = {2, 2, 2};
        int[] all = {0, 1, 2};
        Aim.Result three = Aim.fit(real, sizes, 1000, 1e-6, 3, 1, 0, 7);
        double tv3 = totalVariation(Aim.counts(real, sizes, all), Aim.counts(three.model().sample(ROWS, 11), sizes, all));
        // with only pairs (each pair is independent) the best a model can do is the uniform cube: TV = 0.45 from the truth
        Aim.Result two = Aim.fit(real, sizes, 1000, 1e-6, 2, 1, 0, 7);
        double tv2 = totalVariation(Aim.counts(real, sizes, all), Aim.counts(two.model().sample(ROWS, 11), sizes, all));
        assertTrue(three.model().cliques().stream().anyMatch(c -> c.length == 3), "a 3-way marginal is measured");
        assertTrue(tv3 < 0.015, "3-way workload: total variation " + tv3);
        assertTrue(tv2 > 0.4, "2-way workload: total variation " + tv2);
    }
}
