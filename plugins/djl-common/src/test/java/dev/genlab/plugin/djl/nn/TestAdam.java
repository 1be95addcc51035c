package dev.genlab.plugin.djl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The in-place CPU update against DJL's native fused update, which it replaces. */
class TestAdam {
    private static final long[][] SHAPES = {{37, 11}, {11}, {1}};

    @Test
    void inPlaceUpdateFollowsTheNativeOneAndZeroesGradients() {
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet a = parameters(root);
            ParameterSet b = parameters(root);
            Adam inPlace = new Adam(a, 1e-2, 0.5, 0.9, 1e-3, true);
            Adam reference = new Adam(b, 1e-2, 0.5, 0.9, 1e-3, false);
            SplittableRandom random = new SplittableRandom(7);
            for (int step = 0; step < 30; step++) {
                long seed = random.nextLong();
                backward(root, a, seed);
                backward(root, b, seed);
                inPlace.step();
                reference.step();
                for (int i = 0; i < SHAPES.length; i++) {
                    NDArray p = a.trainable().get(i);
                    assertClose(b.trainable().get(i).toFloatArray(), p.toFloatArray(), "parameter " + i + " after step " + step);
                    try (NDArray g = p.getGradient()) {
                        float[] zero = new float[Math.toIntExact(p.size())];
                        assertArrayEquals(zero, g.toFloatArray(), "the update zeroes the gradient");
                    }
                }
            }
            // both moved far from where they started, so the comparison above compared real updates
            assertTrue(Math.abs(a.trainable().get(2).getFloat() - 0.5f) > 0.05f, "the scalar moved: " + a.trainable().get(2).getFloat());
        }
    }

    @Test
    void firstStepIsTheLearningRateTimesTheGradientsSign() {
        // with zero moments, step 1 moves each weight by lr * g / (|g| + eps'), i.e. lr against the gradient's sign
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(root);
            NDArray p = params.parameter("p", new long[] {3}, new float[] {1, -2, 3});
            Adam adam = new Adam(params, 0.1, 0.9, 0.999, 0);
            try (NDManager m = root.newSubManager(); GradientCollector c = DjlEngine.engine().newGradientCollector()) {
                // d/dp sum(w * p) = w
                c.backward(m.create(new float[] {4, -0.5f, 0}).mul(ParameterSet.local(p, m)).sum());
            }
            adam.step();
            assertArrayEquals(new float[] {0.9f, -1.9f, 3f}, p.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void savedMomentsContinueExactly() {
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet a = parameters(root);
            Adam adam = new Adam(a, 1e-2, 0.9, 0.999, 0);
            for (int step = 0; step < 3; step++) {
                backward(root, a, step);
                adam.step();
            }
            Weights saved = a.snapshot();
            Weights state = adam.state();
            backward(root, a, 99);
            adam.step();
            List<float[]> expected = a.trainable().stream().map(NDArray::toFloatArray).toList();

            ParameterSet b = parameters(root);
            b.assign(saved);
            Adam resumed = new Adam(b, 1e-2, 0.9, 0.999, 0);
            resumed.restore(state);
            assertEquals(3, resumed.steps());
            backward(root, b, 99);
            resumed.step();
            for (int i = 0; i < SHAPES.length; i++) {
                assertArrayEquals(expected.get(i), b.trainable().get(i).toFloatArray(), "parameter " + i);
            }
        }
    }

    private static ParameterSet parameters(NDManager root) {
        ParameterSet set = new ParameterSet(root);
        SplittableRandom init = new SplittableRandom(3);
        for (int i = 0; i < SHAPES.length; i++) {
            int n = Math.toIntExact(new Shape(SHAPES[i]).size());
            float[] values = new float[n];
            for (int j = 0; j < n; j++) {
                values[j] = i == 2 ? 0.5f : (float) init.nextGaussian();
            }
            set.parameter("p" + i, SHAPES[i], values);
        }
        return set;
    }

    /** Gradients of sum(c * p^2 + d * p) with c, d drawn from {@code seed}: 2cp + d, different every step. */
    private static void backward(NDManager root, ParameterSet set, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager m = root.newSubManager(); GradientCollector collector = DjlEngine.engine().newGradientCollector()) {
            NDArray loss = null;
            for (NDArray p : set.trainable()) {
                int n = Math.toIntExact(p.size());
                float[] c = new float[n];
                float[] d = new float[n];
                for (int j = 0; j < n; j++) {
                    c[j] = (float) random.nextDouble();
                    d[j] = (float) random.nextGaussian();
                }
                NDArray local = ParameterSet.local(p, m);
                NDArray term = m.create(c, p.getShape()).mul(local.square()).add(m.create(d, p.getShape()).mul(local)).sum();
                loss = loss == null ? term : loss.add(term);
            }
            collector.backward(loss);
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], 1e-5f * Math.max(1, Math.abs(expected[j])), what + " [" + j + "]");
        }
    }
}
