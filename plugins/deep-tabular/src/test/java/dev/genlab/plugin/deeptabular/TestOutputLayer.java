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
import java.util.SplittableRandom;
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

    private static final List<Span> LAYOUT = List.of(
            new Span(0, 0, 1, Span.Activation.TANH, Span.Role.VALUE),
            new Span(0, 1, 3, Span.Activation.SOFTMAX, Span.Role.MODE),
            new Span(1, 4, 1, Span.Activation.LINEAR, Span.Role.VALUE),
            new Span(2, 5, 4, Span.Activation.SOFTMAX, Span.Role.CATEGORY));

    /** Host sampling draws each one-hot block from its softmax: frequencies against the exact probabilities. */
    @Test
    void decodeDrawsOneHotsFromTheSoftmaxAndAppliesTanh() {
        OutputLayer layer = new OutputLayer(LAYOUT);
        float[] logits3 = {0.5f, -1f, 2f};
        float[] logits4 = {-30f, 1f, 1f, 0f}; // one value far below the others: a probability of about 1e-13
        int rows = 200_000;
        float[] raw = new float[rows * 9];
        for (int i = 0; i < rows; i++) {
            raw[i * 9] = -0.7f;
            System.arraycopy(logits3, 0, raw, i * 9 + 1, 3);
            raw[i * 9 + 4] = 3.25f;
            System.arraycopy(logits4, 0, raw, i * 9 + 5, 4);
        }
        float[] out = layer.decode(raw, 0, rows, 9, new SplittableRandom(7));
        int[] count3 = new int[3];
        int[] count4 = new int[4];
        for (int i = 0; i < rows; i++) {
            assertEquals((float) Math.tanh(-0.7), out[i * 9], 1e-7f, "tanh of a bounded value");
            assertEquals(3.25f, out[i * 9 + 4], "a linear value is left as it is");
            count3[oneHot(out, i * 9 + 1, 3)]++;
            count4[oneHot(out, i * 9 + 5, 4)]++;
        }
        assertFrequencies(logits3, count3, rows);
        assertFrequencies(logits4, count4, rows);
        assertEquals(0, count4[0], "a value 31 below the others is (almost) never drawn");
    }

    /** tvae's decoding without noise (σ = 0): tanh in place, one-hot blocks left as logits for the inverse transform's argmax. */
    @Test
    void activateValuesOnlyAppliesTanh() {
        OutputLayer layer = new OutputLayer(LAYOUT);
        float[] raw = {0.3f, 5f, -2f, 7f, -4.5f, 1f, 9f, 2f, 3f, -25f, 0f, 0f, 0f, 11f, 0f, 0f, 0f, 0f};
        float[] expected = raw.clone();
        expected[0] = OutputLayer.tanh(0.3f);
        assertEquals(Math.tanh(0.3f), expected[0], 1e-7);
        expected[9] = -1f;
        float[] out = layer.activateValues(raw, 2, 9, new float[9], new SplittableRandom(1));
        assertEquals(Arrays.toString(expected), Arrays.toString(out));
    }

    /**
     * tvae's decoding with its learned noise: each value column gets tanh (if bounded) plus σ of its column times the
     * next standard normal draw, row by row and column by column in span order; one-hot blocks are untouched.
     */
    @Test
    void activateValuesAddsEachColumnsNoiseInRowOrder() {
        OutputLayer layer = new OutputLayer(LAYOUT);
        float[] raw = {0.3f, 5f, -2f, 7f, -4.5f, 1f, 9f, 2f, 3f, -25f, 0f, 0f, 0f, 11f, 0f, 0f, 0f, 0f};
        float[] sigma = new float[9];
        int[] values = LAYOUT.stream().filter(s -> s.activation() != Span.Activation.SOFTMAX).mapToInt(Span::start).toArray();
        for (int v = 0; v < values.length; v++) {
            sigma[values[v]] = 0.1f * (v + 1);
        }
        float[] expected = raw.clone();
        SplittableRandom draws = new SplittableRandom(7);
        for (int row = 0; row < 2; row++) {
            for (Span s : LAYOUT) {
                if (s.activation() == Span.Activation.SOFTMAX) {
                    continue;
                }
                int c = row * 9 + s.start();
                float x = s.activation() == Span.Activation.TANH ? (float) Math.tanh(raw[c]) : raw[c];
                expected[c] = x + (float) (sigma[s.start()] * dev.genlab.plugin.djl.nn.Gaussians.next(draws));
            }
        }
        float[] out = layer.activateValues(raw.clone(), 2, 9, sigma, new SplittableRandom(7));
        assertTrue(values.length >= 2, "the layout has bounded and unbounded values");
        for (int i = 0; i < raw.length; i++) {
            assertEquals(expected[i], out[i], 1e-6, "position " + i);
        }
        for (int i = 0; i < raw.length; i++) {
            int column = i % 9;
            if (Arrays.stream(values).noneMatch(c -> c == column)) {
                assertEquals(raw[i], out[i], "one-hot position " + i + " is left as it was");
            }
        }
    }

    /** The one-exponential tanh against {@link Math#tanh} over the whole float range that matters. */
    @Test
    void tanhMatchesTheLibraryToFloatPrecision() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            float x = (float) (random.nextDouble(-30, 30) * (i % 3 == 0 ? 1e-6 : i % 3 == 1 ? 0.1 : 1));
            double exact = Math.tanh(x);
            assertEquals(exact, OutputLayer.tanh(x), Math.max(1e-7 * Math.abs(exact), 1e-15), "tanh(" + x + ")");
        }
        assertEquals(1f, OutputLayer.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, OutputLayer.tanh(-1e30f));
        assertEquals(0f, OutputLayer.tanh(0f));
    }

    private static int oneHot(float[] a, int start, int width) {
        int pick = -1;
        for (int j = 0; j < width; j++) {
            if (a[start + j] == 1) {
                assertEquals(-1, pick, "one 1 per block");
                pick = j;
            } else {
                assertEquals(0f, a[start + j], "zeros elsewhere");
            }
        }
        assertTrue(pick >= 0, "a 1 in every block");
        return pick;
    }

    /** Each count within 5 standard deviations of its binomial expectation. */
    private static void assertFrequencies(float[] logits, int[] counts, int rows) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        for (int j = 0; j < logits.length; j++) {
            double p = Math.exp(logits[j] - max) / sum;
            double sd = Math.sqrt(rows * p * (1 - p));
            assertEquals(rows * p, counts[j], 5 * sd + 1e-9, "draws of " + j + " in " + Arrays.toString(counts));
        }
    }
}
