package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.tabular.Span;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a generator's raw output into encoded rows: tanh for bounded values, identity for unbounded ones, softmax (or
 * Gumbel-softmax, as CTGAN) for one-hot blocks. In training the one-hot blocks are soft-maxed a group at a time
 * ({@link SoftmaxGroups}) and the result is gathered back into the encoded layout, a fixed handful of native calls
 * whatever the number of columns.
 */
final class OutputLayer {
    private final List<Span> spans;
    private final SoftmaxGroups groups;
    private final NDArray layout;
    private final int width;

    /** For {@link #decode} only (sampling on the host). */
    OutputLayer(List<Span> spans) {
        this.spans = List.copyOf(spans);
        this.groups = null;
        this.layout = null;
        this.width = spans.isEmpty() ? 0 : spans.get(spans.size() - 1).end();
    }

    /** For {@link #activate} too; its index arrays live in {@code manager}. */
    OutputLayer(List<Span> spans, NDManager manager) {
        this.spans = List.copyOf(spans);
        this.width = spans.isEmpty() ? 0 : spans.get(spans.size() - 1).end();
        this.groups = new SoftmaxGroups(spans.stream().filter(s -> s.activation() == Span.Activation.SOFTMAX).toList(), false, manager);
        // activate() concatenates [raw | tanh(raw) | softmax groups] and gathers each encoded column from there
        int[] softmaxAt = groups.positions(width);
        long[] index = new long[width];
        for (Span s : spans) {
            for (int j = 0; j < s.width(); j++) {
                int c = s.start() + j;
                index[c] = switch (s.activation()) {
                    case LINEAR -> c;
                    case TANH -> width + c;
                    case SOFTMAX -> 2L * width + softmaxAt[c];
                };
            }
        }
        this.layout = manager.create(index, new Shape(1, width));
    }

    /**
     * Activated output, differentiable. {@code gumbelTau > 0} draws Gumbel noise from the engine's (seeded)
     * generator for one-hot blocks, as CTGAN's generator does in training.
     */
    NDArray activate(NDArray raw, double gumbelTau) {
        if (groups == null) {
            throw new IllegalStateException("this output layer was built for decoding only");
        }
        if (spans.isEmpty()) {
            return raw;
        }
        NDList parts = new NDList(raw, raw.tanh());
        if (!groups.isEmpty()) {
            parts.add(groups.softmax(raw, gumbelTau));
        }
        return NDArrays.concat(parts, 1).gather(layout.broadcast(new Shape(raw.getShape().get(0), width)), 1);
    }

    /**
     * Gumbel noise {@code -log(E)} from uniforms {@code u}, with {@code E = -log(u) ~ Exp(1)}, finite for every
     * {@code u} in [0, 1]: PyTorch's uniform can return its upper bound, and {@code E = 0} (or {@code u = 0}) would
     * make the noise infinite and the softmax NaN (the reference retries its Gumbel-softmax then; a CTGAN run here went
     * NaN at epoch 53 on Adult before this guard). E is kept within [1e-10, 1e10], so the noise is within ±23.1.
     */
    static NDArray gumbelNoise(NDArray u) {
        return u.log().neg().clip(1e-10f, 1e10f).log().neg();
    }

    /**
     * Host-side decoding of raw generator output for sampling: tanh for bounded values and, for one-hot blocks,
     * either a draw from the softmax (with {@code random}) or the argmax ({@code random == null}); the result is
     * what {@code TabularTransformer.inverse} reads.
     */
    float[] decode(float[] raw, int rows, int width, SplittableRandom random) {
        float[] out = raw.clone();
        double[] weights = new double[spans.stream().mapToInt(Span::width).max().orElse(0)];
        for (int i = 0; i < rows; i++) { // row by row: one pass over memory
            for (Span s : spans) {
                int base = i * width + s.start();
                switch (s.activation()) {
                    case TANH -> out[base] = (float) Math.tanh(raw[base]);
                    case LINEAR -> {
                    }
                    case SOFTMAX -> {
                        int pick = 0;
                        if (random == null) {
                            for (int j = 1; j < s.width(); j++) {
                                if (raw[base + j] > raw[base + pick]) {
                                    pick = j;
                                }
                            }
                        } else {
                            double max = Double.NEGATIVE_INFINITY;
                            for (int j = 0; j < s.width(); j++) {
                                max = Math.max(max, raw[base + j]);
                            }
                            double sum = 0;
                            for (int j = 0; j < s.width(); j++) {
                                weights[j] = Math.exp(raw[base + j] - max); // once per value: the exponentials are most of the cost
                                sum += weights[j];
                            }
                            double u = random.nextDouble() * sum;
                            pick = s.width() - 1;
                            for (int j = 0; j < s.width(); j++) {
                                u -= weights[j];
                                if (u < 0) {
                                    pick = j;
                                    break;
                                }
                            }
                        }
                        for (int j = 0; j < s.width(); j++) {
                            out[base + j] = j == pick ? 1 : 0;
                        }
                    }
                }
            }
        }
        return out;
    }
}
