package dev.genlab.plugin.djl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class TestWeightAverage {
    /**
     * Decay 1/2 over the weights w1, w2, w3: the sum is w1/8 + w2/4 + w3/2 and the bias correction divides by
     * 1 - 1/8, so the average weighs them 1/7, 2/7 and 4/7; buffers are averaged as well.
     */
    @Test
    void theAverageWeighsRecentStepsMoreAndLeavesNoTraceOfTheStart() {
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(root);
            NDArray p = params.parameter("p", new long[] {2}, new float[] {100, -100});
            NDArray b = params.buffer("b", new long[] {1}, new float[] {5});
            WeightAverage average = new WeightAverage(params, 0.5);
            assertEquals(params.snapshot(), average.average(), "before any update: the current weights");
            float[][] steps = {{7, 0}, {14, 7}, {0, 21}};
            float[] buffers = {1, 2, 4};
            for (int t = 0; t < steps.length; t++) {
                p.set(FloatBuffer.wrap(steps[t]));
                b.set(FloatBuffer.wrap(new float[] {buffers[t]}));
                average.update();
            }
            assertEquals(3, average.updates());
            // (7 + 2*14 + 4*0) / 7 = 5, (0 + 2*7 + 4*21) / 7 = 14, (1 + 2*2 + 4*4) / 7 = 3
            assertArrayEquals(new float[] {5, 14}, average.average().get("p").data(), 1e-5f);
            assertArrayEquals(new float[] {3}, average.average().get("b").data(), 1e-5f);
            assertArrayEquals(new long[] {2}, average.average().get("p").shape());
        }
    }

    /** A checkpoint's state restored into a fresh average continues exactly as the original does. */
    @Test
    void aRestoredAverageContinuesExactly() {
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(root);
            NDArray p = params.parameter("p", new long[] {3}, new float[] {1, 2, 3});
            WeightAverage original = new WeightAverage(params, 0.9);
            for (int t = 0; t < 5; t++) {
                p.set(FloatBuffer.wrap(new float[] {t, 2 * t, -t}));
                original.update();
            }
            WeightAverage restored = new WeightAverage(params, 0.9);
            restored.restore(original.state());
            assertEquals(original.updates(), restored.updates());
            p.set(FloatBuffer.wrap(new float[] {9, 8, 7}));
            original.update();
            restored.update();
            assertEquals(original.average(), restored.average());
        }
    }

    @Test
    void aDecayOutsideZeroToOneIsRefused() {
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(root);
            assertThrows(IllegalArgumentException.class, () -> new WeightAverage(params, 1));
            assertThrows(IllegalArgumentException.class, () -> new WeightAverage(params, -0.1));
        }
    }
}
