package dev.genlab.plugin.fidelity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast statistics against their definitions, computed the slow, obvious way on random data with ties. */
class TestStatistics {
    private static double[] sample(SplittableRandom random, int n, int distinct) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextInt(distinct) * 0.5 - 3;
        }
        return out;
    }

    private static double empiricalCdf(double[] values, double x) {
        return Arrays.stream(values).filter(v -> v <= x).count() / (double) values.length;
    }

    @Test
    void ksStatisticIsTheLargestGapBetweenTheEmpiricalCdfs() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 300; trial++) {
            double[] a = sample(random, 1 + random.nextInt(40), 1 + random.nextInt(20));
            double[] b = sample(random, 1 + random.nextInt(40), 1 + random.nextInt(20));
            double d = 0;
            for (double x : concat(a, b)) {
                d = Math.max(d, Math.abs(empiricalCdf(a, x) - empiricalCdf(b, x)));
            }
            assertEquals(d, Statistics.ksStatistic(Statistics.sortedPresent(a), Statistics.sortedPresent(b)), 1e-15);
        }
        assertTrue(Double.isNaN(Statistics.ksStatistic(new double[0], new double[] {1})));
    }

    @Test
    void averageRanksShareTiedRanks() {
        assertArrayEquals(new double[] {2.5, 1, 2.5, 4, 5.5, 5.5}, Statistics.averageRanks(new double[] {2, 1, 2, 3, 7, 7}));
        assertArrayEquals(new double[] {1.5, 1.5}, Statistics.averageRanks(new double[] {-0.0, 0.0}), "-0.0 ties with 0.0");
        SplittableRandom random = new SplittableRandom(2);
        double[] v = sample(random, 200, 30);
        double[] ranks = Statistics.averageRanks(v);
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            long below = Arrays.stream(v).filter(u -> u < x).count();
            long equal = Arrays.stream(v).filter(u -> u == x).count();
            assertEquals(below + (equal + 1) / 2.0, ranks[i], 0.0);
        }
    }

    @Test
    void pearsonIsUndefinedForConstantOrTooFewRows() {
        assertEquals(1.0, Statistics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-15);
        assertEquals(-1.0, Statistics.pearson(new double[] {1, 2, 3, Double.NaN}, new double[] {3, 2, 1, 9}), 1e-15);
        // 0.1 summed three times is not 0.3: a constant column must not become rounding-noise correlation.
        assertTrue(Double.isNaN(Statistics.pearson(new double[] {0.1, 0.1, 0.1}, new double[] {1, 2, 3})));
        assertTrue(Double.isNaN(Statistics.pearson(new double[] {1, Double.NaN, 3}, new double[] {Double.NaN, 2, 4})));
        assertTrue(Double.isNaN(Statistics.spearman(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
    }

    @Test
    void jointTotalVariationIsTheSameDenseOrSorted() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 500;
        int[] ar = new int[n];
        int[] br = new int[n];
        int[] as = new int[n / 2];
        int[] bs = new int[n / 2];
        for (int[] column : new int[][] {ar, br, as, bs}) {
            for (int i = 0; i < column.length; i++) {
                column[i] = random.nextInt(6) * random.nextInt(6);
            }
        }
        double dense = Statistics.jointTotalVariation(ar, br, as, bs, 26, 26);
        // Pretending the columns have 100 000 categories takes the sorting path; the occupied cells are the same.
        double sorted = Statistics.jointTotalVariation(ar, br, as, bs, 100_000, 100_000);
        assertEquals(dense, sorted, 1e-15);
        assertEquals(0.0, Statistics.jointTotalVariation(ar, br, ar, br, 100_000, 100_000), 0.0);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
