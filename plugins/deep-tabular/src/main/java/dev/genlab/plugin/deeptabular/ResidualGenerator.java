package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import dev.genlab.plugin.djl.nn.BatchNorm1d;
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.Eager;
import dev.genlab.plugin.djl.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** CTGAN's generator: residual layers {@code x -> [ReLU(BN(Linear(x))), x]}, then a linear output layer. */
final class ResidualGenerator {
    private final List<Dense> layers = new ArrayList<>();
    private final List<BatchNorm1d> norms = new ArrayList<>();
    private final Dense output;

    ResidualGenerator(ParameterSet params, String name, int in, List<Integer> dims, int out, SplittableRandom init) {
        int width = in;
        for (int i = 0; i < dims.size(); i++) {
            layers.add(new Dense(params, name + ".residual" + i, width, dims.get(i), init));
            norms.add(new BatchNorm1d(params, name + ".residual" + i + ".bn", dims.get(i)));
            width += dims.get(i);
        }
        output = new Dense(params, name + ".out", width, out, init);
    }

    /** The output; every temporary of the pass is freed as soon as it is consumed ({@link Eager}). */
    NDArray forward(NDArray x, boolean training) {
        NDArray a = x;
        for (int i = 0; i < layers.size(); i++) {
            NDArray linear = layers.get(i).forward(a);
            NDArray normed = Eager.done(norms.get(i).forward(linear, training), linear);
            NDArray h = Eager.done(Activation.relu(normed), normed);
            a = Eager.done(NDArrays.concat(new NDList(h, a), 1), h, a == x ? null : a);
        }
        return Eager.done(output.forward(a), a == x ? null : a);
    }
}
