package dev.genlab.plugin.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class TestParallel {
    @Test
    void everyIndexRunsOnceOnAnyThreadCount() {
        for (int threads : new int[] {1, 2, 5, 64}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(37);
            Parallel.forEachIndex(37, threads, "test", runs::incrementAndGet);
            for (int k = 0; k < 37; k++) {
                assertEquals(1, runs.get(k), "index " + k + " on " + threads + " threads");
            }
        }
        Parallel.forEachIndex(0, 4, "test", k -> {
            throw new AssertionError("no index to run");
        });
    }

    /** The failure reported is the lowest failing index's, as on one thread, whatever the thread count. */
    @Test
    void theLowestFailingIndexIsReported() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEachIndex(40, threads, "test", k -> {
                if (k == 17 || k == 30) {
                    throw new IllegalStateException("task " + k);
                }
            }));
            assertEquals("task 17", e.getMessage(), threads + " threads");
        }
    }
}
