package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.tabular.Span;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestOutputLayer {
    /** The uniforms at and next to both ends of [0, 1], where -log(-log(u)) itself is infinite or NaN. */
    @Test
    void gumbelNoiseIsFiniteAtTheEdgesOfTheUniform() {
        float below1 = Math.nextDown(1f);
        float[] u = {0f, Float.MIN_VALUE, 1e-10f, 0.5f, below1, 1f};
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            float[] noise = OutputLayer.gumbelNoise(m.create(u)).toFloatArray();
            for (float v : noise) {
                assertTrue(Float.isFinite(v) && Math.abs(v) < 23.1f, Arrays.toString(noise));
            }
            assertEquals(-Math.log(-Math.log(0.5)), noise[3], 1e-6, "unchanged inside the range");
            assertEquals(-Math.log(-Math.log(1e-10)), noise[2], 1e-5);
            assertTrue(noise[0] < noise[3] && noise[3] < noise[4], "still increasing in u: " + Arrays.toString(noise));

            // and a Gumbel-softmax over very confident logits stays a distribution
            OutputLayer layer = new OutputLayer(List.of(new Span(0, 0, 3, Span.Activation.SOFTMAX, Span.Role.CATEGORY)), m);
            NDArray raw = m.create(new float[] {1e4f, -1e4f, 0, -1e4f, 1e4f, 1e4f}, new Shape(2, 3));
            float[] p = layer.activate(raw, 0.2).toFloatArray();
            for (int row = 0; row < 2; row++) {
                double sum = 0;
                for (int j = 0; j < 3; j++) {
                    float v = p[row * 3 + j];
                    assertTrue(v >= 0 && v <= 1, Arrays.toString(p));
                    sum += v;
                }
                assertEquals(1, sum, 1e-5, Arrays.toString(p));
            }
        }
    }
}
