package dev.genlab.plugin.djl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import org.junit.jupiter.api.Test;

class TestParameterSet {
    /**
     * TVAE's learned output scale is used only through {@code local}; when it returned a detached copy the scale got
     * no gradient at all, was driven to its lower clamp by weight decay alone, and the loss diverged.
     */
    @Test
    void gradientsThroughALocalCopyReachTheParameter() {
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(root);
            NDArray p = params.parameter("p", new long[] {3}, new float[] {1, 2, 3});
            try (NDManager batch = root.newSubManager()) {
                NDArray weights = batch.create(new float[] {1, 10, 100});
                try (GradientCollector collector = DjlEngine.engine().newGradientCollector()) {
                    NDArray copy = ParameterSet.local(p, batch);
                    assertSame(batch, copy.getManager(), "the copy is freed with the batch's manager");
                    assertArrayEquals(new float[] {1, 2, 3}, copy.toFloatArray());
                    // d/dp sum(w * p^2) = 2 w p
                    collector.backward(weights.mul(copy.square()).sum());
                }
                try (NDArray gradient = p.getGradient()) {
                    assertArrayEquals(new float[] {2, 40, 600}, gradient.toFloatArray());
                }
            }
        }
    }
}
