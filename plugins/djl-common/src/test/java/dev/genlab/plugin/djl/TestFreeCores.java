package dev.genlab.plugin.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The thread policy's arithmetic on {@code /proc/stat} samples (no timing is asserted). */
class TestFreeCores {
    @Test
    void readsIdlePlusIowaitAndTheTotalOfTheCpuLine() {
        String stat = "cpu  100 5 50 800 20 3 2 0 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\ncpu1 50 3 25 400 10 2 1 0 0 0\nintr 1\n";
        assertArrayEquals(new long[] {820, 980}, FreeCores.idleAndTotal(stat));
        assertEquals(2, FreeCores.onlineCpus(stat));
    }

    @Test
    void oneBusyCoreOfTwoLeavesOneAndAQuietMachineLeavesAll() {
        // 2 online CPUs, 200 ticks: 100 idle = one core busy
        assertEquals(1, FreeCores.fromSamples(new long[] {0, 0}, new long[] {100, 200}, 2, 2));
        assertEquals(2, FreeCores.fromSamples(new long[] {0, 0}, new long[] {196, 200}, 2, 2));
        // both busy: still one thread, never zero
        assertEquals(1, FreeCores.fromSamples(new long[] {0, 0}, new long[] {2, 200}, 2, 2));
        // a quiet 8-CPU machine, but this JVM may use 2 (a container's CPU limit)
        assertEquals(2, FreeCores.fromSamples(new long[] {0, 0}, new long[] {800, 800}, 2, 8));
        // counters did not move: fall back to the cores available
        assertEquals(4, FreeCores.fromSamples(new long[] {5, 5}, new long[] {5, 5}, 4, 4));
    }

    @Test
    void measuresSomethingBetweenOneAndTheAvailableCores() {
        int n = FreeCores.measure();
        assertTrue(n >= 1 && n <= Runtime.getRuntime().availableProcessors(), "free cores " + n);
    }
}
