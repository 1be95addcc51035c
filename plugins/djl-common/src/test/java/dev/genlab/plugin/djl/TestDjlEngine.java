package dev.genlab.plugin.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's seeded normals and the scoped thread count that chunked sampling relies on. */
class TestDjlEngine {
    /** Threads drawing at once each get the draws of their own seed, the same as drawn alone, one after another. */
    @Test
    void normalsDrawnFromSeveralThreadsAtOnceAreEachSeedsOwn() throws Exception {
        int seeds = 6;
        Shape shape = new Shape(64, 33);
        try (NDManager manager = DjlEngine.newManager(Device.cpu())) {
            List<float[]> alone = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                alone.add(DjlEngine.normals(manager, 1000 + s, shape).toFloatArray());
            }
            assertFalse(Arrays.equals(alone.get(0), alone.get(1)), "two seeds, two streams");
            Map<Integer, float[]> together = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                int seed = s;
                Thread t = new Thread(() -> {
                    try (NDManager m = manager.newSubManager()) {
                        start.await();
                        for (int round = 0; round < 20; round++) { // interleave with the others as much as possible
                            float[] drawn = DjlEngine.normals(m, 1000 + seed, shape).toFloatArray();
                            together.merge(seed, drawn, (a, b) -> Arrays.equals(a, b) ? a : new float[0]);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            for (int s = 0; s < seeds; s++) {
                assertArrayEquals(alone.get(s), together.get(s), "seed " + (1000 + s) + " drawn beside other threads");
            }
        }
    }

    @Test
    void normalsAreStandardNormal() {
        try (NDManager manager = DjlEngine.newManager(Device.cpu())) {
            float[] x = DjlEngine.normals(manager, 7, new Shape(1000, 1000)).toFloatArray();
            double sum = 0;
            double sq = 0;
            for (float v : x) {
                sum += v;
                sq += (double) v * v;
            }
            double mean = sum / x.length;
            double variance = sq / x.length - mean * mean;
            assertEquals(0, mean, 0.005, "mean"); // standard error 0.001
            assertEquals(1, variance, 0.005, "variance"); // standard error 0.0014
        }
    }

    @Test
    void aThreadScopeSetsTheEngineThreadCountAndRestoresIt() {
        DjlEngine.engine();
        int before = JniUtils.getNumThreads();
        try (DjlEngine.ThreadScope one = DjlEngine.intraOpThreads(1)) {
            assertEquals(1, JniUtils.getNumThreads());
            try (DjlEngine.ThreadScope three = DjlEngine.intraOpThreads(3)) {
                assertEquals(3, JniUtils.getNumThreads());
            }
            assertEquals(1, JniUtils.getNumThreads(), "an inner scope restores the outer one's count");
        }
        assertEquals(before, JniUtils.getNumThreads());
        assertThrows(IllegalArgumentException.class, () -> DjlEngine.intraOpThreads(0));
    }
}
