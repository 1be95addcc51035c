package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;

/** A fully connected layer {@code x W^T + b}, initialised like PyTorch's {@code nn.Linear} from a seeded stream. */
public final class Dense {
    private final NDArray weight;
    private final NDArray bias;
    private final int in;
    private final int out;

    public Dense(ParameterSet params, String name, int in, int out, SplittableRandom init) {
        this.in = in;
        this.out = out;
        double bound = 1 / Math.sqrt(in);
        this.weight = params.parameter(name + ".weight", new long[] {out, in}, uniform(init, out * in, bound));
        this.bias = params.parameter(name + ".bias", new long[] {out}, uniform(init, out, bound));
    }

    static float[] uniform(SplittableRandom random, int n, double bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    public NDArray forward(NDArray x) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    /** The weight, shape (out, in). */
    public NDArray weight() {
        return weight;
    }

    /** The bias, shape (out). */
    public NDArray bias() {
        return bias;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }
}
