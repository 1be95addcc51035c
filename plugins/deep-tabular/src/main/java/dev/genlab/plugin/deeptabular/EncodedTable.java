package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.nn.NativeArrays;
import java.util.SplittableRandom;

/** The encoded training rows on the heap, and the batches cut from them (one native call per batch). */
final class EncodedTable {
    final float[] data;
    final int rows;
    final int width;

    EncodedTable(float[] data, int rows, int width) {
        this.data = data;
        this.rows = rows;
        this.width = width;
    }

    /** A random permutation of the rows, from {@code random}. */
    int[] permutation(SplittableRandom random) {
        int[] p = new int[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Rows {@code order[from .. from+size)} (wrapping around) as a (size, width) array. */
    NDArray batch(NDManager manager, int[] order, int from, int size) {
        return NativeArrays.floats(manager, new Shape(size, width), out -> {
            for (int i = 0; i < size; i++) {
                out.put(i * width, data, order[(from + i) % order.length] * width, width);
            }
        });
    }

    /** The given rows as a (rows.length, width) array. */
    NDArray rows(NDManager manager, int[] rowIndices) {
        return batch(manager, rowIndices, 0, rowIndices.length);
    }
}
