package dev.genlab.plugin.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genlab.spi.Column;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The blocked, parallel search against a plain scan of every pair, across block boundaries and with ties. */
class TestNearestNeighbours {
    private static Table random(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Schema schema = Schema.of(Column.numeric("a"), Column.integer("b"), Column.categorical("c", List.of("p", "q", "r")),
                Column.categorical("d", List.of("x", "y")));
        double[] a = new double[rows];
        double[] b = new double[rows];
        int[] c = new int[rows];
        int[] d = new int[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = r.nextInt(5) == 0 ? Double.NaN : Math.round(r.nextDouble() * 10) / 10.0; // coarse: many ties
            b[i] = r.nextInt(4);
            c[i] = r.nextInt(4) - 1;
            d[i] = r.nextInt(2);
        }
        return Table.of(schema, List.of(a, b, c, d));
    }

    @Test
    void nearestMatchesAPlainScanIncludingTieOrder() {
        Table ref = random(1500, 1);
        Table query = random(700, 2);
        FeatureEncoder encoder = FeatureEncoder.fit(ref, List.of());
        EncodedRows r = encoder.encode(ref);
        EncodedRows q = encoder.encode(query);
        int k = 4;
        NearestNeighbours.Neighbours n = NearestNeighbours.nearest(q, r, k);
        for (int i = 0; i < q.rows(); i++) {
            int qi = i;
            int[] expected = IntStream.range(0, r.rows()).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> q.distanceSquared(qi, r, j)).thenComparingInt(j -> j))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            int[] actual = Arrays.copyOfRange(n.indices(), i * k, i * k + k);
            assertEquals(Arrays.toString(expected), Arrays.toString(actual), "query " + i);
        }
    }

    @Test
    void scanCountsRowsInsideEachReferenceRadius() {
        Table ref = random(900, 3);
        Table query = random(300, 4);
        FeatureEncoder encoder = FeatureEncoder.fit(ref, List.of());
        EncodedRows r = encoder.encode(ref);
        EncodedRows q = encoder.encode(query);
        double[] radius = new double[r.rows()];
        SplittableRandom random = new SplittableRandom(5);
        for (int j = 0; j < radius.length; j++) {
            radius[j] = random.nextDouble() * 2;
        }
        NearestNeighbours.Scan scan = NearestNeighbours.scan(q, r, radius);
        for (int i = 0; i < q.rows(); i++) {
            int count = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < r.rows(); j++) {
                double d = q.distanceSquared(i, r, j);
                count += d < radius[j] ? 1 : 0;
                best = Math.min(best, d);
            }
            assertEquals(count, scan.within()[i], "query " + i);
            assertEquals(best, scan.nearest().squaredDistance(i, 0), 0, "query " + i);
        }
    }

    @Test
    void mixedDistanceCountsEachDifferingCategoryAsOne() {
        Schema schema = Schema.of(Column.numeric("a"), Column.categorical("c", List.of("p", "q")));
        Table t = Table.of(schema, List.of(new double[] {0, 2, Double.NaN}, new int[] {0, 1, -1}));
        EncodedRows e = FeatureEncoder.fit(t, List.of()).encode(t);
        // a: mean 1, sd 1 over the present values -> z = -1, 1, (missing) 0
        assertEquals(4 + 1, e.distanceSquared(0, e, 1), 1e-12, "Δz = 2, one category differs");
        assertEquals(1 + 1 + 1, e.distanceSquared(0, e, 2), 1e-12, "Δz = 1, missingness differs, category vs missing differs");
    }
}
