package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.NativeArrays;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the deep models share once fitted: the transformer, the weights on the heap (no native memory is held
 * between calls) and the architecture. Each {@link #sample} builds the network in a fresh manager, generates
 * encoded rows in chunks and decodes them; the same seed gives the same rows.
 */
abstract class FittedDeepModel implements FittedModel {
    /** Rows generated per forward pass when sampling. */
    static final int CHUNK = 5000;

    final String model;
    final TabularTransformer transformer;
    final Weights weights;
    final Map<String, String> architecture;
    final DeviceChoice device;

    FittedDeepModel(String model, TabularTransformer transformer, Weights weights, Map<String, String> architecture, DeviceChoice device) {
        this.model = model;
        this.transformer = transformer;
        this.weights = weights;
        this.architecture = Map.copyOf(architecture);
        this.device = device;
    }

    @Override
    public Data sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot sample " + n + " rows");
        }
        if (transformer.width() == 0 || n == 0) {
            return transformer.inverse(new float[0], n); // every column constant (or all missing)
        }
        float[] encoded;
        try (NDManager manager = DjlEngine.newManager(DjlEngine.device(device))) {
            encoded = generate(manager, n, seed);
        }
        // decoded on as many threads as the engine was given (the same rows whatever the count)
        return transformer.inverse(encoded, n, DjlEngine.threadsInForce());
    }

    /**
     * Copies the values of {@code array} into {@code out} from index {@code at}, straight from the engine's memory on
     * the CPU: a generated chunk is 3 MB, and a Java array per chunk (what {@code toFloatArray} makes) is a humongous
     * allocation for the garbage collector. Also how tvae's loss reads a batch's output ({@link TvaeReconstruction}).
     */
    static void copyOut(NDArray array, float[] out, int at) {
        int n = Math.toIntExact(array.size());
        if (NativeArrays.viewable(array)) {
            NativeArrays.view(array).get(0, out, at, n);
        } else {
            System.arraycopy(array.toFloatArray(), 0, out, at, n);
        }
    }

    /** {@code n} encoded rows (row-major, transformer width), ready for {@code inverse}. */
    abstract float[] generate(NDManager manager, int n, long seed);

    Table table(float[] encoded, int n) {
        return transformer.inverse(encoded, n, DjlEngine.threadsInForce());
    }

    @Override
    public void save(Path directory) throws IOException {
        new SavedModel(model, architecture, transformer, weights).write(directory);
    }
}
