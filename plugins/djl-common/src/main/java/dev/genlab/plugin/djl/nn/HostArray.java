package dev.genlab.plugin.djl.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * A float array and its shape on the Java heap: how weights leave the engine (for saving, checkpoints and the
 * fitted models, which then hold no native memory) and come back.
 */
public record HostArray(long[] shape, float[] data) {
    public HostArray {
        Objects.requireNonNull(shape, "shape is null");
        Objects.requireNonNull(data, "data is null");
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
        }
    }

    /**
     * A count (an optimizer's steps) as two floats, each exact: its bits above the lowest 24 and those 24. Floats are
     * the only values a checkpoint holds.
     */
    static HostArray count(long n) {
        return new HostArray(new long[] {2}, new float[] {(float) (n >>> 24), (float) (n & 0xffffff)});
    }

    /** The count {@link #count} wrote. */
    long asCount() {
        return ((long) data[0] << 24) | (long) data[1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostArray h && Arrays.equals(shape, h.shape) && Arrays.equals(data, h.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HostArray" + Arrays.toString(shape);
    }
}
