package dev.genlab.dp;

import static dev.genlab.dp.TestMst.SIZES;
import static dev.genlab.dp.TestMst.TREE;
import static dev.genlab.dp.TestMst.edges;
import static dev.genlab.dp.TestMst.joint;
import static dev.genlab.dp.TestMst.totalVariation;
import static dev.genlab.dp.TestMst.treeData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TestAim {
    @Test
    void atALargeEpsilonMeasuresTheTrueTreeAndRecoversItsMarginals() {
        int[][] real = treeData(1);
        Aim.Result fit = Aim.fit(real, SIZES, 1000, 1e-6, 2, 80, 0, 7);
        assertTrue(pairs(fit).containsAll(edges(List.of(TREE))), "measured " + pairs(fit));
        int[][] synthetic = fit.model().sample(TestMst.ROWS, 11);
        for (int[] e : TREE) {
            double tv = totalVariation(joint(real, e[0], e[1]), joint(synthetic, e[0], e[1]));
            assertTrue(tv < 0.015, "edge " + e[0] + "-" + e[1] + ": total variation " + tv);
        }
        double tv = totalVariation(joint(real, 0, 4), joint(synthetic, 0, 4));
        assertTrue(tv < 0.02, "pair 0-4: total variation " + tv);
    }

    @Test
    void theThreeWayWorkloadFindsTheSameTree() {
        Aim.Result fit = Aim.fit(treeData(1), SIZES, 1000, 1e-6, 3, 80, 0, 7);
        assertTrue(pairs(fit).containsAll(edges(List.of(TREE))), "measured " + pairs(fit));
    }

    @Test
    void spendsTheBudgetAndNoMore() {
        for (double epsilon : new double[] {0.1, 1, 10}) {
            Aim.Result fit = Aim.fit(treeData(2), SIZES, epsilon, 1e-6, 2, 80, 0, 3);
            double spent = fit.epsilonSpent();
            assertTrue(spent <= epsilon, "spent " + spent + " of " + epsilon);
            assertTrue(spent > epsilon * (1 - 1e-6), "spends the budget: " + spent + " of " + epsilon);
            List<ZcdpAccountant.Spend> ledger = fit.ledger().ledger();
            assertEquals(SIZES.length, ledger.stream().filter(s -> s.what().startsWith("1-way")).count(), "every 1-way marginal first");
            long selections = ledger.stream().filter(s -> s.what().contains(": select ")).count();
            assertEquals(selections, ledger.stream().filter(s -> s.what().contains(": measure ")).count(), "a measurement per selection");
            assertTrue(selections >= 1, "at least one round");
        }
    }

    /** Every pair of columns inside a measured clique. */
    static Set<String> pairs(Aim.Result fit) {
        Set<String> out = new TreeSet<>();
        for (int[] c : fit.model().cliques()) {
            for (int a = 0; a < c.length; a++) {
                for (int b = a + 1; b < c.length; b++) {
                    out.add(c[a] + "-" + c[b]);
                }
            }
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameData() {
        int[][] real = treeData(3);
        int[][] a = Aim.fit(real, SIZES, 1, 1e-6, 2, 80, 0, 5).model().sample(1000, 9);
        int[][] b = Aim.fit(real, SIZES, 1, 1e-6, 2, 80, 0, 5).model().sample(1000, 9);
        for (int j = 0; j < SIZES.length; j++) {
            assertArrayEquals(a[j], b[j]);
        }
        int[][] c = Aim.fit(real, SIZES, 1, 1e-6, 2, 80, 0, 6).model().sample(1000, 9);
        boolean differs = false;
        for (int j = 0; j < SIZES.length; j++) {
            differs |= !Arrays.equals(a[j], c[j]);
        }
        assertTrue(differs, "another fitting seed draws other noise");
    }

    @Test
    void aTinyModelSizeKeepsColumnsIndependent() {
        // 80 MB allows every pair; 1e-6 MB (about 0.13 cells) allows none, so only 1-way marginals are measured
        Aim.Result fit = Aim.fit(treeData(1), SIZES, 1000, 1e-6, 2, 1e-6, 0, 7);
        assertEquals(Set.of(), pairs(fit));
    }

    @Test
    void candidatesAreWeightedByTheirOverlapWithTheWorkload() {
        // d = 4, every pair: column a is in 3 pairs; pair {a, b} overlaps {a, b} twice and the 4 other pairs with a or b once
        Map<String, Double> two = Aim.candidates(4, 2);
        assertEquals(3.0, two.get("0"));
        assertEquals(6.0, two.get("0,1"));
        assertEquals(10, two.size());
        // d = 4, every triple: a column is in 3 triples; a pair is in 2 triples (2 each) and the other 2 triples hold one of it
        Map<String, Double> three = Aim.candidates(4, 3);
        assertEquals(3.0, three.get("0"));
        assertEquals(6.0, three.get("0,1"));
    }

    @Test
    void refusesBadInput() {
        int[][] x = {{0, 1, 2}, {0, 0, 1}};
        assertEquals("column 0 has code 2 outside its domain 0..1",
                assertThrows(IllegalArgumentException.class, () -> Aim.fit(x, new int[] {2, 2}, 1, 1e-6, 2, 80, 0, 1)).getMessage());
        assertEquals("degree must be 2 or 3, got 4",
                assertThrows(IllegalArgumentException.class, () -> Aim.fit(x, new int[] {3, 2}, 1, 1e-6, 4, 80, 0, 1)).getMessage());
        assertEquals("epsilon must be a positive finite number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> Aim.fit(x, new int[] {3, 2}, 0, 1e-6, 2, 80, 0, 1)).getMessage());
    }
}
