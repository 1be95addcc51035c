package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Table;
import java.util.Arrays;

/** The target column the supervised metrics need. */
final class Target {
    private Target() {
    }

    /** {@code table} without the rows whose {@code column} is missing. */
    static Table withValue(Table table, String column) {
        int c = table.schema().requireIndex(column);
        int[] keep = new int[table.rowCount()];
        int n = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            if (!table.isMissing(c, r)) {
                keep[n++] = r;
            }
        }
        return n == table.rowCount() ? table : table.rows(Arrays.copyOf(keep, n));
    }

    /** Number of distinct values among {@code codes} (codes are 0..levels-1). */
    static int distinct(int[] codes, int levels) {
        boolean[] seen = new boolean[levels];
        int n = 0;
        for (int c : codes) {
            if (!seen[c]) {
                seen[c] = true;
                n++;
            }
        }
        return n;
    }
}
