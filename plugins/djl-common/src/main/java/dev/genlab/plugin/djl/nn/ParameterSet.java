package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The arrays of one network, by name, in a long-lived manager: trainable parameters (with gradients) and
 * buffers (e.g. batch-norm running statistics). Layers register here when they are built, so a network is
 * saved, restored and zeroed as one thing.
 */
public final class ParameterSet {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final List<NDArray> trainable = new ArrayList<>();

    public ParameterSet(NDManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager is null");
    }

    public NDManager manager() {
        return manager;
    }

    /** A trainable parameter with the given initial values. */
    public NDArray parameter(String name, long[] shape, float[] init) {
        NDArray array = add(name, shape, init);
        array.setRequiresGradient(true);
        trainable.add(array);
        return array;
    }

    /** A saved array without gradient (running statistics). */
    public NDArray buffer(String name, long[] shape, float[] init) {
        return add(name, shape, init);
    }

    private NDArray add(String name, long[] shape, float[] init) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter '" + name + "'");
        }
        NDArray array = manager.create(init, new Shape(shape));
        arrays.put(name, array);
        return array;
    }

    /**
     * {@code parameter} as an array of {@code manager}, so that results computed from it are freed with that
     * manager rather than kept with the parameters. The copy is differentiable: gradients recorded through it reach
     * {@code parameter}. ({@code NDArray.duplicate()} would not do: on the PyTorch engine it returns a detached
     * clone, and a parameter used only through it silently gets no gradient.) The copy is {@code 0 + parameter},
     * computed in {@code manager} because a result joins its first operand's manager.
     */
    public static NDArray local(NDArray parameter, NDManager manager) {
        try (NDArray zeros = manager.zeros(parameter.getShape(), parameter.getDataType(), parameter.getDevice())) {
            return zeros.add(parameter);
        }
    }

    /** Every array by name, parameters and buffers, in the order they were added (for {@link WeightAverage}). */
    Map<String, NDArray> arrays() {
        return java.util.Collections.unmodifiableMap(arrays);
    }

    public List<NDArray> trainable() {
        return List.copyOf(trainable);
    }

    public long parameterCount() {
        long n = 0;
        for (NDArray a : trainable) {
            n += a.size();
        }
        return n;
    }

    /** The current values, copied to the heap. */
    public Weights snapshot() {
        Map<String, HostArray> out = new LinkedHashMap<>();
        arrays.forEach((name, a) -> out.put(name, new HostArray(a.getShape().getShape(), a.toFloatArray())));
        return new Weights(out);
    }

    /** Overwrites every array with the saved values; names and shapes must match exactly. */
    public void assign(Weights weights) {
        if (!weights.arrays().keySet().equals(arrays.keySet())) {
            throw new IllegalArgumentException("saved arrays " + weights.arrays().keySet() + " do not match the network's " + arrays.keySet());
        }
        arrays.forEach((name, a) -> {
            HostArray h = weights.get(name);
            if (!Arrays.equals(h.shape(), a.getShape().getShape())) {
                throw new IllegalArgumentException("array '" + name + "' has shape " + a.getShape() + " but the saved one " + Arrays.toString(h.shape()));
            }
            a.set(FloatBuffer.wrap(h.data()));
        });
    }

    /**
     * Whether the parameters record gradients. A GAN's generator step back-propagates through the critic only to
     * reach the generator: with the critic's parameters switched off, autograd skips their weight gradients (one
     * matrix product per layer) and leaves nothing in them to clear before the next critic step.
     */
    public void requireGradients(boolean required) {
        for (NDArray a : trainable) {
            a.setRequiresGradient(required);
        }
    }

    /**
     * Zeroes the gradients of every parameter. PyTorch accumulates gradients, and a GAN's generator step leaves
     * gradients in the discriminator; one native call per array (no-op for arrays without a gradient yet).
     */
    public void zeroGradients() {
        for (NDArray a : trainable) {
            if (a instanceof PtNDArray pt) {
                JniUtils.zeroGrad(pt);
            } else {
                try (NDArray g = a.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }
}
