package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.genlab.plugin.djl.tabular.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a generator's raw output into encoded rows, span by span: tanh for bounded values, identity for
 * unbounded ones, softmax (or Gumbel-softmax, as CTGAN) for one-hot blocks. Consecutive spans of one kind are
 * handled in one slice to keep native calls few.
 */
final class OutputLayer {
    private record Run(int start, int end, Span.Activation activation, List<Span> spans) {
    }

    private final List<Run> runs = new ArrayList<>();
    private final List<Span> spans;

    OutputLayer(List<Span> spans) {
        this.spans = List.copyOf(spans);
        int i = 0;
        while (i < spans.size()) {
            Span first = spans.get(i);
            List<Span> group = new ArrayList<>();
            group.add(first);
            int j = i + 1;
            if (first.activation() != Span.Activation.SOFTMAX) {
                while (j < spans.size() && spans.get(j).activation() == first.activation()) {
                    group.add(spans.get(j++));
                }
            }
            runs.add(new Run(first.start(), group.get(group.size() - 1).end(), first.activation(), group));
            i = j;
        }
    }

    /**
     * Activated output, differentiable. {@code gumbelTau > 0} draws Gumbel noise from the engine's (seeded)
     * generator for one-hot blocks, as CTGAN's generator does in training.
     */
    NDArray activate(NDArray raw, double gumbelTau) {
        if (runs.isEmpty()) {
            return raw;
        }
        NDList parts = new NDList(runs.size());
        for (Run run : runs) {
            NDArray slice = raw.get(":, " + run.start + ":" + run.end);
            parts.add(switch (run.activation) {
                case TANH -> slice.tanh();
                case LINEAR -> slice;
                case SOFTMAX -> {
                    if (gumbelTau > 0) {
                        NDArray u = slice.getManager().randomUniform(1e-10f, 1f, slice.getShape());
                        yield Scalars.div(slice.add(gumbelNoise(u)), gumbelTau).softmax(-1);
                    }
                    yield slice.softmax(-1);
                }
            });
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
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
        for (Span s : spans) {
            for (int i = 0; i < rows; i++) {
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
                                sum += Math.exp(raw[base + j] - max);
                            }
                            double u = random.nextDouble() * sum;
                            pick = s.width() - 1;
                            for (int j = 0; j < s.width(); j++) {
                                u -= Math.exp(raw[base + j] - max);
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
