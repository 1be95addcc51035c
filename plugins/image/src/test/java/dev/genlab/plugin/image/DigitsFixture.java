package dev.genlab.plugin.image;

import dev.genlab.spi.Table;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The bundled digits split once, seeded, into train (70%) and test (30%) for the metric tests. */
final class DigitsFixture {
    static final Table ALL = DigitsDataset.table();
    static final Table TRAIN;
    static final Table TEST;

    static {
        int n = ALL.rowCount();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int train = (int) Math.round(n * 0.7);
        TRAIN = ALL.rows(Arrays.copyOfRange(order, 0, train));
        TEST = ALL.rows(Arrays.copyOfRange(order, train, n));
    }

    private DigitsFixture() {
    }
}
