package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Table;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded subsampling, so large inputs cost a bounded, reported amount of work. */
final class Sampling {
    private Sampling() {
    }

    /**
     * {@code max} rows of {@code table} drawn without replacement (kept in their original order), or the table
     * itself if it has no more rows than that or {@code max} is 0 (no limit).
     */
    static Table atMost(Table table, int max, SplittableRandom random) {
        if (max <= 0 || table.rowCount() <= max) {
            return table;
        }
        return table.rows(choose(table.rowCount(), max, random));
    }

    /** {@code k} distinct indices of {@code 0..n-1}, sorted (partial Fisher–Yates). */
    static int[] choose(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, k);
        Arrays.sort(out);
        return out;
    }
}
