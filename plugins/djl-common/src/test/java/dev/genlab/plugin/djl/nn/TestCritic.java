package dev.genlab.plugin.djl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestCritic {
    @Test
    void inputGradientMatchesFiniteDifferences() {
        try (NDManager manager = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(manager);
            Critic critic = new Critic(params, "d", 3, new int[] {16, 8}, 0.2, 0, new SplittableRandom(1));
            float[] x = {0.3f, -0.7f, 1.1f, -0.2f, 0.5f, 0.9f};
            NDArray input = manager.create(x, new Shape(2, 3));
            float[] analytic = critic.forwardWithInputGradient(input, false)[1].toFloatArray();
            float h = 1e-3f;
            for (int i = 0; i < x.length; i++) {
                float[] plus = x.clone();
                float[] minus = x.clone();
                plus[i] += h;
                minus[i] -= h;
                float fp = critic.forward(manager.create(plus, new Shape(2, 3)), false).toFloatArray()[i / 3];
                float fm = critic.forward(manager.create(minus, new Shape(2, 3)), false).toFloatArray()[i / 3];
                assertEquals((fp - fm) / (2 * h), analytic[i], 2e-3, "d score / d x[" + i + "]");
            }
        }
    }

    /**
     * The penalty's gradient with respect to the critic's weights, by autograd through the closed-form input gradient
     * (whose temporaries the critic frees as it goes), against central differences of the penalty itself.
     */
    @Test
    void penaltyParameterGradientsMatchFiniteDifferences() {
        try (NDManager manager = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(manager);
            Critic critic = new Critic(params, "d", 3, new int[] {16, 8}, 0.2, 0, new SplittableRandom(2));
            NDArray real = manager.create(new float[] {0.3f, -0.7f, 1.1f, -0.2f, 0.5f, 0.9f}, new Shape(2, 3));
            NDArray fake = manager.create(new float[] {-0.4f, 0.2f, 0.8f, 0.6f, -1.0f, 0.1f}, new Shape(2, 3));
            NDArray u = manager.create(new float[] {0.25f, 0.7f}, new Shape(2, 1));
            NDArray weight = params.trainable().get(0); // the first layer's (16, 3) weights
            float[] analytic;
            try (NDManager m = manager.newSubManager(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(critic.gradientPenalty(real, fake, u, 10, false));
            }
            try (NDArray g = weight.getGradient()) {
                analytic = g.toFloatArray();
            }
            float[] w = weight.toFloatArray();
            float h = 1e-2f;
            for (int i = 0; i < w.length; i += 5) {
                float[] plus = w.clone();
                float[] minus = w.clone();
                plus[i] += h;
                minus[i] -= h;
                weight.set(java.nio.FloatBuffer.wrap(plus));
                double fp = critic.gradientPenalty(real, fake, u, 10, false).getFloat();
                weight.set(java.nio.FloatBuffer.wrap(minus));
                double fm = critic.gradientPenalty(real, fake, u, 10, false).getFloat();
                weight.set(java.nio.FloatBuffer.wrap(w));
                assertEquals((fp - fm) / (2 * h), analytic[i], 2e-2 * Math.max(1, Math.abs(analytic[i])), "d penalty / d w[" + i + "]");
            }
            assertTrue(java.util.Arrays.stream(new double[] {analytic[0], analytic[5], analytic[10]}).anyMatch(v -> Math.abs(v) > 1e-3),
                    "the gradients compared are not all zero");
        }
    }

    @Test
    void penaltyTrainsThroughAnOrdinaryBackwardPassAndAdamStateRestoresExactly() {
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (NDManager manager = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
                ParameterSet params = new ParameterSet(manager);
                Critic critic = new Critic(params, "d", 2, new int[] {8}, 0.2, 0, new SplittableRandom(3));
                Adam adam = new Adam(params, 1e-2, 0.5, 0.9, 1e-6);
                NDArray real = manager.create(new float[] {1, 1, 2, 0}, new Shape(2, 2));
                NDArray fake = manager.create(new float[] {0, 0, -1, 1}, new Shape(2, 2));
                NDArray u = manager.create(new float[] {0.3f, 0.6f}, new Shape(2, 1));
                Weights midState = null;
                Weights midAdam = null;
                for (int step = 0; step < 6; step++) {
                    if (run == 1 && step == 3) {
                        // restart from the state saved after step 3 of this run, into fresh arrays
                        Weights w = params.snapshot();
                        Weights a = adam.state();
                        params.assign(perturbed(w));
                        params.assign(w);
                        adam.restore(a);
                        midState = w;
                        midAdam = a;
                    }
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = critic.forward(fake, true).mean().sub(critic.forward(real, true).mean())
                                .add(critic.gradientPenalty(real, fake, u, 10, true));
                        collector.backward(loss);
                    }
                    adam.step();
                }
                runs[run] = params.snapshot().get("d.hidden0.weight").data();
                if (run == 1) {
                    assertEquals(6, adam.steps());
                    assertEquals(midAdam.get("steps"), midAdam.get("steps"));
                    assertEquals(midState.arrays().keySet(), params.snapshot().arrays().keySet());
                }
            }
        }
        assertArrayEquals(runs[0], runs[1], "save/restore mid-training changes nothing");
    }

    /**
     * The penalty's edge: an input gradient of exactly zero (here every weight is zero). Without the small constant
     * under the square root, d|g|/dg = g/|g| is 0/0 there and backward writes NaN into every critic parameter.
     */
    @Test
    void penaltyAtAZeroInputGradientIsFiniteAndSoAreItsParameterGradients() {
        try (NDManager manager = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(manager);
            Critic critic = new Critic(params, "d", 2, new int[] {4}, 0.2, 0, new SplittableRandom(5));
            params.assign(scaled(params.snapshot(), 0));
            NDArray real = manager.create(new float[] {1, 1, 2, 0}, new Shape(2, 2));
            NDArray fake = manager.create(new float[] {0, 0, -1, 1}, new Shape(2, 2));
            NDArray u = manager.create(new float[] {0.3f, 0.6f}, new Shape(2, 1));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray penalty = critic.gradientPenalty(real, fake, u, 10, false);
                assertEquals(10, penalty.getFloat(), 1e-4, "lambda * (|0| - 1)^2");
                collector.backward(penalty);
            }
            for (NDArray p : params.trainable()) {
                try (NDArray g = p.getGradient()) {
                    for (float v : g.toFloatArray()) {
                        assertTrue(Float.isFinite(v), "finite gradient: " + java.util.Arrays.toString(g.toFloatArray()));
                    }
                }
            }
        }
    }

    private static Weights scaled(Weights w, float factor) {
        java.util.Map<String, HostArray> out = new java.util.LinkedHashMap<>();
        w.arrays().forEach((k, v) -> {
            float[] d = v.data().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] *= factor;
            }
            out.put(k, new HostArray(v.shape(), d));
        });
        return new Weights(out);
    }

    private static Weights perturbed(Weights w) {
        java.util.Map<String, HostArray> out = new java.util.LinkedHashMap<>();
        w.arrays().forEach((k, v) -> {
            float[] d = v.data().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] += 1;
            }
            out.put(k, new HostArray(v.shape(), d));
        });
        return new Weights(out);
    }
}
