package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Array-with-number arithmetic that is safe under autograd. Use these instead of DJL's {@code NDArray.mul(Number)},
 * {@code div(Number)}, {@code add(Number)}, {@code sub(Number)}, {@code pow(Number)}, {@code maximum(Number)},
 * {@code minimum(Number)} (and their in-place forms) in every model.
 *
 * <p>Why (issue 19, measured): on the PyTorch engine those DJL methods wrap the number in a tensor made with
 * {@code torch::from_blob} over a Java direct {@code ByteBuffer}, use it, and close it. PyTorch's autograd saves that
 * scalar tensor for the backward pass of {@code mul}/{@code div}/{@code pow} (d(x·c)/dx = c), but the memory behind
 * it belongs to the {@code ByteBuffer}, which the garbage collector frees once the Java array is closed. A backward
 * pass after a collection reads freed memory: {@code x.mul(3f)} then gave a gradient of 1002 instead of 3 in 20 of 20
 * tries with a forced collection and reused memory ({@code TestScalars}). In training this showed as ctgan's losses
 * differing between processes from epoch 1 or 2 (more often after another model ran in the JVM: more garbage, more
 * collections) and as a rare NaN. The numbers here are made with {@code full}, whose memory libtorch owns and keeps
 * alive for as long as autograd needs it.
 */
public final class Scalars {
    private Scalars() {
    }

    /** A 0-d array holding {@code value}, in {@code like}'s manager, data type and device; native memory. */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    public static NDArray mul(NDArray x, double value) {
        return with(x, value, NDArray::mul);
    }

    public static NDArray div(NDArray x, double value) {
        return with(x, value, NDArray::div);
    }

    public static NDArray add(NDArray x, double value) {
        return with(x, value, NDArray::add);
    }

    public static NDArray sub(NDArray x, double value) {
        return with(x, value, NDArray::sub);
    }

    /** {@code x} times {@code value} in place (no gradient is recorded through in-place updates here). */
    public static NDArray muli(NDArray x, double value) {
        return with(x, value, NDArray::muli);
    }

    private static NDArray with(NDArray x, double value, BinaryOperator<NDArray> op) {
        try (NDArray s = scalar(x, value)) {
            return op.apply(x, s);
        }
    }
}
