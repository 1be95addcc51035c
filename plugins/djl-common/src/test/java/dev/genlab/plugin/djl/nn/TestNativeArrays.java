package dev.genlab.plugin.djl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestNativeArrays {
    @Test
    void writtenInPlaceEqualsTheCopiedArray() {
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            float[] expected = Gaussians.fill(new SplittableRandom(5), 3 * 1000);
            NDArray written = NativeArrays.floats(m, new Shape(3, 1000), out -> Gaussians.fill(new SplittableRandom(5), out, 3 * 1000));
            assertArrayEquals(expected, written.toFloatArray(), "the same draws, in place");
            assertArrayEquals(new long[] {3, 1000}, written.getShape().getShape());
            // an ordinary array of the engine: arithmetic on it reads the written values
            assertArrayEquals(m.create(expected, new Shape(3, 1000)).mul(written).sum().toFloatArray(), written.square().sum().toFloatArray());
        }
    }

    @Test
    void aViewWritesThroughToTheArray() {
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            NDArray a = m.create(new float[] {1, 2, 3});
            assertTrue(NativeArrays.viewable(a));
            NativeArrays.view(a).put(1, 20f);
            assertArrayEquals(new float[] {1, 20, 3}, a.toFloatArray());
        }
    }
}
