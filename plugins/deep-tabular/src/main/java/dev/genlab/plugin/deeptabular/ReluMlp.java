package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.Eager;
import dev.genlab.plugin.djl.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Hidden layers of Linear → ReLU, then a linear output layer (no output activation). */
final class ReluMlp {
    private final List<Dense> hidden = new ArrayList<>();
    private final Dense output;

    ReluMlp(ParameterSet params, String name, int in, List<Integer> dims, int out, SplittableRandom init) {
        int width = in;
        for (int i = 0; i < dims.size(); i++) {
            hidden.add(new Dense(params, name + ".hidden" + i, width, dims.get(i), init));
            width = dims.get(i);
        }
        output = new Dense(params, name + ".out", width, out, init);
    }

    /** The output; every temporary of the pass is freed as soon as it is consumed ({@link Eager}). */
    NDArray forward(NDArray x) {
        NDArray a = x;
        for (Dense d : hidden) {
            NDArray pre = d.forward(a);
            a = Eager.done(Activation.relu(pre), pre, a == x ? null : a);
        }
        return Eager.done(output.forward(a), a == x ? null : a);
    }

    /** The same, with every layer recorded for per-example gradients. */
    NDArray forward(NDArray x, PerExampleGradients record) {
        NDArray a = x;
        for (Dense d : hidden) {
            a = Activation.relu(record.linear(d, a));
        }
        return record.linear(output, a);
    }
}
