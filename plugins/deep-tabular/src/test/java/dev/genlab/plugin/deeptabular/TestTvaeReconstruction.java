package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.Scalars;
import dev.genlab.plugin.djl.tabular.Span;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * tvae's host-side reconstruction loss against the same loss written as engine operations and differentiated by
 * autograd (the masked whole-row form dp-tvae trains with): the value, the gradient with respect to the decoder's
 * output and the gradient with respect to the output scales.
 */
class TestTvaeReconstruction {
    private static final int TABLE_ROWS = 11;
    private static final int BATCH = 7;

    /** The layout of {@code TestSoftmaxGroups}: value columns (one linear: tvae takes tanh of every value column alike) and blocks of several widths. */
    private static List<Span> spans() {
        return TestSoftmaxGroups.spans();
    }

    @Test
    void valueAndGradientsEqualAutogradOfTheLoss() {
        List<Span> spans = spans();
        int width = spans.get(spans.size() - 1).end();
        SplittableRandom r = new SplittableRandom(5);
        float[] table = new float[TABLE_ROWS * width];
        for (int row = 0; row < TABLE_ROWS; row++) {
            for (Span s : spans) {
                if (s.activation() == Span.Activation.SOFTMAX) {
                    // one-hot in most blocks; now and then an all-zero block, or weights on two positions
                    int kind = r.nextInt(6);
                    if (kind > 1) {
                        table[row * width + s.start() + r.nextInt(s.width())] = 1;
                    } else if (kind == 1 && s.width() > 1) {
                        table[row * width + s.start()] = 0.25f;
                        table[row * width + s.start() + 1 + r.nextInt(s.width() - 1)] = 0.75f;
                    }
                } else {
                    table[row * width + s.start()] = (float) (r.nextDouble() * 2 - 1);
                }
            }
        }
        float[] output = new float[BATCH * width];
        for (int i = 0; i < output.length; i++) {
            output[i] = (float) ((r.nextDouble() * 2 - 1) * 6);
        }
        float[] sigma = new float[width];
        for (int c = 0; c < width; c++) {
            sigma[c] = (float) (0.02 + r.nextDouble() * 0.9);
        }
        // the batch: rows taken in shuffled order, wrapping past the end of the order
        int[] order = {3, 10, 0, 7, 5, 1, 9, 2, 8, 4, 6};
        int from = 8;
        double scale = 2.0 / BATCH;

        float[] batch = new float[BATCH * width];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(table, order[(from + i) % order.length] * width, batch, i * width, width);
        }
        float[] valueMask = new float[width];
        for (Span s : spans) {
            if (s.activation() != Span.Activation.SOFTMAX) {
                valueMask[s.start()] = 1;
            }
        }
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            SoftmaxGroups groups = new SoftmaxGroups(spans.stream().filter(s -> s.activation() == Span.Activation.SOFTMAX).toList(), false, m);
            NDArray x = m.create(batch, new Shape(BATCH, width));
            NDArray rec = m.create(output, new Shape(BATCH, width));
            rec.setRequiresGradient(true);
            NDArray s = m.create(sigma, new Shape(width));
            s.setRequiresGradient(true);
            NDArray mask = m.create(valueMask, new Shape(1, width));
            TvaeReconstruction host = new TvaeReconstruction(spans, table, TABLE_ROWS, width);
            float[] sigmaGradient = new float[width];
            double[] loss = new double[1];
            // twice: the second call reuses the scratch arrays the first one grew
            host.gradient(m, m.create(new float[BATCH * width], new Shape(BATCH, width)), order, 0, BATCH, sigma, 1, sigmaGradient, loss);
            float[] gradient = host.gradient(m, m.create(output, new Shape(BATCH, width)), order, from, BATCH, sigma, scale, sigmaGradient, loss)
                    .toFloatArray();
            float expected;
            try (GradientCollector c = DjlEngine.engine().newGradientCollector()) {
                NDArray values = x.sub(rec.tanh()).square().div(Scalars.mul(s.square(), 2)).add(s.log()).mul(mask).sum();
                NDArray sum = values.add(groups.crossEntropy(rec, x));
                expected = sum.getFloat();
                c.backward(Scalars.mul(sum, scale));
            }
            assertEquals(expected, loss[0], 1e-5 * Math.abs(expected), "loss");
            float[] recGradient = rec.getGradient().toFloatArray();
            for (int i = 0; i < recGradient.length; i++) {
                assertEquals(recGradient[i], gradient[i], 1e-6 + 1e-5 * Math.abs(recGradient[i]), "d loss / d output at " + i);
            }
            float[] scaleGradient = s.getGradient().toFloatArray();
            for (int c = 0; c < width; c++) {
                assertEquals(scaleGradient[c], sigmaGradient[c], 1e-5 + 1e-5 * Math.abs(scaleGradient[c]), "d loss / d sigma at " + c);
            }
        }
    }
}
