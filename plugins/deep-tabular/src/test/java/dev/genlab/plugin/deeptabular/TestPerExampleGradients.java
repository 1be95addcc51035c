package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.plugin.djl.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Known answers for DP-SGD's gradients, on a small network shaped like TVAE's (a ReLU MLP, two heads on one hidden
 * layer, a reparameterised latent, a second MLP, a parameter used whole by every row): the per-example gradients from
 * one backward pass equal those of B separate single-row backward passes; the clipped sum equals the sum of the
 * reference gradients clipped one by one; without clipping or noise DP-SGD's gradient is the ordinary gradient of the
 * mean loss.
 */
class TestPerExampleGradients {
    static final int B = 6;
    static final int IN = 5;
    NDManager root;
    ParameterSet params;
    ReluMlp encoder;
    Dense mu;
    Dense logVar;
    ReluMlp decoder;
    NDArray sigma;
    NDArray x;
    NDArray eps;

    @BeforeEach
    void build() {
        root = DjlEngine.newManager(DjlEngine.device(dev.genlab.plugin.djl.DeviceChoice.CPU));
        params = new ParameterSet(root);
        SplittableRandom init = new SplittableRandom(3);
        encoder = new ReluMlp(params, "enc", IN, List.of(7), 6, init);
        mu = new Dense(params, "mu", 6, 2, init);
        logVar = new Dense(params, "logvar", 6, 2, init);
        decoder = new ReluMlp(params, "dec", 2, List.of(4), IN, init);
        float[] s = new float[IN];
        for (int j = 0; j < IN; j++) {
            s[j] = 0.3f + 0.1f * j;
        }
        sigma = params.parameter("sigma", new long[] {IN}, s);
        SplittableRandom data = new SplittableRandom(9);
        x = root.create(Gaussians.fill(data, B * IN), new Shape(B, IN));
        eps = root.create(Gaussians.fill(data, B * 2), new Shape(B, 2));
    }

    @AfterEach
    void close() {
        root.close();
    }

    /** Sum over rows of a VAE-like per-row loss; with {@code record}, every layer goes through it. */
    NDArray loss(NDArray rows, NDArray noise, PerExampleGradients record) {
        long n = rows.getShape().get(0);
        NDArray h = Activation.relu(record == null ? encoder.forward(rows) : encoder.forward(rows, record));
        NDArray mean = record == null ? mu.forward(h) : record.linear(mu, h);
        NDArray logvar = record == null ? logVar.forward(h) : record.linear(logVar, h);
        NDArray z = noise.mul(logvar.div(logvar.onesLike().add(logvar.onesLike())).exp()).add(mean);
        NDArray rec = record == null ? decoder.forward(z) : decoder.forward(z, record);
        NDArray s = record == null ? sigma.broadcast(new Shape(n, IN)) : record.perRow(sigma, n);
        NDArray values = rows.sub(rec.tanh()).square().div(s.square()).add(s.log()).sum();
        return values.add(logvar.exp().sub(logvar).add(mean.square()).sum());
    }

    /** Each row's gradient of each parameter by its own backward pass: the slow reference. */
    List<Map<NDArray, float[]>> referenceGradients() {
        List<Map<NDArray, float[]>> out = new ArrayList<>();
        for (int i = 0; i < B; i++) {
            params.zeroGradients();
            try (NDManager m = root.newSubManager(); GradientCollector c = DjlEngine.engine().newGradientCollector()) {
                c.backward(loss(x.get(i + ":" + (i + 1)), eps.get(i + ":" + (i + 1)), null));
            }
            Map<NDArray, float[]> g = new java.util.LinkedHashMap<>();
            for (NDArray p : params.trainable()) {
                g.put(p, p.getGradient().toFloatArray());
            }
            out.add(g);
        }
        params.zeroGradients();
        return out;
    }

    /** Runs one recorded forward and backward pass over the whole batch and hands the record to {@code then}. */
    <T> T recorded(Function<PerExampleGradients, T> then) {
        try (NDManager m = root.newSubManager()) {
            PerExampleGradients record = new PerExampleGradients(m);
            try (GradientCollector c = DjlEngine.engine().newGradientCollector()) {
                c.backward(loss(x, eps, record));
            }
            return then.apply(record);
        }
    }

    @Test
    void perExampleGradientsEqualThoseOfSingleRowBackwardPasses() {
        List<Map<NDArray, float[]>> reference = referenceGradients();
        recorded(record -> {
            assertEquals(params.trainable().size(), record.parameters().size(), "every parameter recorded once");
            Map<NDArray, NDArray> mine = record.materialised();
            float[] norms = record.squaredNorms().toFloatArray();
            for (int i = 0; i < B; i++) {
                double norm2 = 0;
                for (NDArray p : params.trainable()) {
                    float[] want = reference.get(i).get(p);
                    float[] got = mine.get(p).get(i).toFloatArray();
                    assertEquals(want.length, got.length);
                    for (int k = 0; k < want.length; k++) {
                        assertEquals(want[k], got[k], 1e-5 * Math.max(1, Math.abs(want[k])), "row " + i + " parameter element " + k);
                        norm2 += (double) want[k] * want[k];
                    }
                }
                assertEquals(norm2, norms[i], 1e-5 * norm2, "row " + i + "'s squared norm from |a|^2 |g|^2");
            }
            return null;
        });
    }

    @Test
    void theClippedSumEqualsTheReferenceGradientsClippedOneByOne() {
        List<Map<NDArray, float[]>> reference = referenceGradients();
        double[] norms = reference.stream().mapToDouble(TestPerExampleGradients::norm).sorted().toArray();
        double clip = 0.5 * (norms[B / 2 - 1] + norms[B / 2]); // clips half the rows
        Map<NDArray, double[]> want = new java.util.LinkedHashMap<>();
        int clipped = 0;
        for (Map<NDArray, float[]> row : reference) {
            double factor = Math.min(1, clip / norm(row));
            clipped += factor < 1 ? 1 : 0;
            row.forEach((p, g) -> {
                double[] sum = want.computeIfAbsent(p, k -> new double[g.length]);
                for (int k = 0; k < g.length; k++) {
                    sum[k] += factor * g[k];
                }
            });
        }
        assertTrue(clipped > 0 && clipped < B, clipped + " of " + B + " rows clipped");
        recorded(record -> {
            new DpSgd(clip, 0, 1).apply(params.trainable(), record, root, new SplittableRandom(1));
            return null;
        });
        for (NDArray p : params.trainable()) {
            float[] got = p.getGradient().toFloatArray();
            for (int k = 0; k < got.length; k++) {
                assertEquals(want.get(p)[k], got[k], 1e-5 * Math.max(1, Math.abs(want.get(p)[k])));
            }
        }
    }

    @Test
    void withoutClippingOrNoiseTheGradientIsTheOrdinaryGradientOfTheMeanLoss() {
        params.zeroGradients();
        try (NDManager m = root.newSubManager(); GradientCollector c = DjlEngine.engine().newGradientCollector()) {
            c.backward(loss(x, eps, null).div(m.create((float) B)));
        }
        List<float[]> ordinary = params.trainable().stream().map(p -> p.getGradient().toFloatArray()).toList();
        params.zeroGradients();
        recorded(record -> {
            new DpSgd(Double.POSITIVE_INFINITY, 0, B).apply(params.trainable(), record, root, new SplittableRandom(1));
            return null;
        });
        for (int i = 0; i < ordinary.size(); i++) {
            float[] got = params.trainable().get(i).getGradient().toFloatArray();
            for (int k = 0; k < got.length; k++) {
                assertEquals(ordinary.get(i)[k], got[k], 1e-6 * Math.max(1, Math.abs(ordinary.get(i)[k])));
            }
        }
    }

    @Test
    void theNoiseHasStandardDeviationSigmaTimesClipOverTheExpectedBatch() {
        // a tiny clip makes the clipped sum negligible against noise of standard deviation 2 * 0.001 / 0.5
        recorded(record -> {
            new DpSgd(1e-3, 2000, 0.5).apply(params.trainable(), record, root, new SplittableRandom(1));
            return null;
        });
        double sum2 = 0;
        long n = 0;
        for (NDArray p : params.trainable()) {
            for (float g : p.getGradient().toFloatArray()) {
                sum2 += (double) g * g;
                n++;
            }
        }
        double sd = Math.sqrt(sum2 / n);
        assertEquals(2000 * 1e-3 / 0.5, sd, 0.25 * 4, "sd " + sd + " over " + n + " coordinates");
    }

    private static double norm(Map<NDArray, float[]> gradient) {
        double s = 0;
        for (float[] g : gradient.values()) {
            for (float v : g) {
                s += (double) v * v;
            }
        }
        return Math.sqrt(s);
    }
}
