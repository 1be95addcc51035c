package dev.genlab.plugin.deepimage;

import dev.genlab.plugin.image.DigitsDataset;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;
import java.util.SplittableRandom;

/** The bundled digits, split once into train and test with a seeded shuffle. */
public final class Digits {
    public static final Table ALL = DigitsDataset.table();

    private Digits() {
    }

    /** {@code [train, test]}: a seeded shuffle, the last {@code testShare} held out. */
    public static Table[] split(double testShare, long seed) {
        int n = ALL.rowCount();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = Seeds.random(seed, "split");
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int test = (int) Math.round(n * testShare);
        return new Table[] {ALL.rows(java.util.Arrays.copyOfRange(order, 0, n - test)), ALL.rows(java.util.Arrays.copyOfRange(order, n - test, n))};
    }
}
