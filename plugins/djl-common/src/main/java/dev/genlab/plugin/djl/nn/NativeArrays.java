package dev.genlab.plugin.djl.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.function.Consumer;

/**
 * Float arrays of the engine read and written from Java in place, through a direct buffer over libtorch's own memory
 * ({@code PtNDArray.toByteBuffer(true)}; CPU only).
 *
 * <p>Why (issue 19): {@code NDManager.create(float[])} allocates a zeroed direct buffer, copies the Java array into
 * it, and libtorch copies that again; a training step's batch and noise went through three copies and left a Java
 * array and a direct buffer behind as garbage each. Here the array is allocated by libtorch (uninitialised) and
 * written once. Arrays that are not CPU memory (a GPU) take the ordinary copying path.
 */
public final class NativeArrays {
    private NativeArrays() {
    }

    /** Whether {@code array}'s memory can be read and written in place from Java (a float PyTorch array on the CPU). */
    public static boolean viewable(NDArray array) {
        return array instanceof PtNDArray && array.getDataType() == DataType.FLOAT32
                && Device.Type.CPU.equals(array.getDevice().getDeviceType()) && array.size() <= Integer.MAX_VALUE;
    }

    /** A float view of a CPU array's own memory; fails rather than hand back a copy, which would lose the writes. */
    public static FloatBuffer view(NDArray array) {
        ByteBuffer bytes = ((PtNDArray) array).toByteBuffer(true);
        if (!bytes.isDirect() || bytes.capacity() != array.size() * Float.BYTES) {
            throw new IllegalStateException("no direct view of " + array.getShape() + " (" + array.getDataType() + ")");
        }
        return bytes.order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * A new float array of {@code shape} in {@code manager}, whose values {@code fill} writes (every index from 0 to
     * the shape's size, absolute puts); written in place on the CPU, through a heap array elsewhere.
     */
    public static NDArray floats(NDManager manager, Shape shape, Consumer<FloatBuffer> fill) {
        if (Device.Type.CPU.equals(manager.getDevice().getDeviceType())) {
            NDArray array = manager.create(shape, DataType.FLOAT32);
            if (viewable(array)) {
                fill.accept(view(array));
                return array;
            }
            array.close();
        }
        FloatBuffer heap = FloatBuffer.allocate(Math.toIntExact(shape.size()));
        fill.accept(heap);
        return manager.create(heap, shape);
    }

    /**
     * A new float array of {@code shape} holding {@code values}, in libtorch's own memory on the CPU. Use it instead of
     * {@code NDManager.create(float[])} for an array that autograd may save for the backward pass (an operand of
     * {@code mul}, batch normalisation's statistics) and that is closed before then: {@code create}'s memory is a
     * Java direct buffer, freed by the garbage collector once the array is closed, and the backward pass then reads
     * whatever reuses it ({@code TestScalars}).
     */
    public static NDArray copyOf(NDManager manager, float[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values for shape " + shape);
        }
        return floats(manager, shape, out -> out.put(0, values));
    }
}
