package dev.genlab.plugin.evaluation;

import dev.genlab.spi.Table;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds rows of one table that equal a row of another, value for value (numbers compared exactly, missing equals
 * missing), in O(n) with a hash index.
 */
final class ExactCopies {
    private final Table reference;
    private final Map<Long, int[]> buckets = new HashMap<>();

    ExactCopies(Table reference) {
        this.reference = reference;
        for (int r = 0; r < reference.rowCount(); r++) {
            buckets.merge(hash(reference, r), new int[] {r}, ExactCopies::concat);
        }
    }

    /** How many rows of {@code table} (same columns as the reference) equal some reference row. */
    int count(Table table) {
        int copies = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            int[] candidates = buckets.get(hash(table, r));
            if (candidates != null) {
                for (int c : candidates) {
                    if (equal(table, r, reference, c)) {
                        copies++;
                        break;
                    }
                }
            }
        }
        return copies;
    }

    private static long hash(Table t, int r) {
        long h = SEED;
        for (int c = 0; c < t.columnCount(); c++) {
            h = mix(h, t.schema().column(c).isNumeric() ? canonical(t.numeric(c, r)) : t.code(c, r));
        }
        return h;
    }

    /** Start value of a row hash built with {@link #mix}. */
    static final long SEED = 0x9E3779B97F4A7C15L;

    /** One step of a 64-bit row hash (SplitMix64-style multiply and shift). */
    static long mix(long h, long value) {
        h = (h ^ value) * 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 31);
    }

    /** The bits of {@code v} with every NaN alike and −0 equal to 0. */
    static long canonical(double v) {
        return Double.isNaN(v) ? 0x7ff8000000000000L : Double.doubleToLongBits(v == 0 ? 0.0 : v);
    }

    private static boolean equal(Table a, int ra, Table b, int rb) {
        for (int c = 0; c < a.columnCount(); c++) {
            boolean same = a.schema().column(c).isNumeric() ? canonical(a.numeric(c, ra)) == canonical(b.numeric(c, rb)) : a.code(c, ra) == b.code(c, rb);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
