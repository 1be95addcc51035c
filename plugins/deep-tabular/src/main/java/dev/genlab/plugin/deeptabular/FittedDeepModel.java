package dev.genlab.plugin.deeptabular;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.Parallel;
import dev.genlab.plugin.djl.nn.NativeArrays;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the deep models share once fitted: the transformer, the weights on the heap (no native memory is held
 * between calls) and the architecture. Each {@link #sample} builds the network in a fresh manager, generates
 * encoded rows in chunks and decodes them; the same seed gives the same rows.
 */
abstract class FittedDeepModel implements FittedModel {
    /**
     * Rows per chunk of a sample. Chunk {@code k} is generated from seeds of its own ({@code (seed, k)}), so chunks
     * can be generated on several threads at once and the rows do not depend on how many.
     */
    static final int CHUNK = 2048;

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
        return sample(n, seed, DjlEngine.threadsInForce());
    }

    /**
     * {@code n} rows on up to {@code threads} threads. On the CPU, with two threads or more, each thread takes the next
     * chunk not yet taken, generates it with the engine on one intra-op thread and decodes it. Generating every chunk
     * with the engine on all threads, then decoding on all, kept the threads in lock-step: a sample is drawn once per
     * run, on code the JIT has not compiled yet, and while the compiler took a core the engine's second thread stood
     * still and the first waited for it (tvae's 32,561 rows took 0.15-0.23 s at 2 threads). Chunks that depend on
     * each other's order ({@link #parallelChunks}) and samples on a GPU are generated in order on the calling thread.
     *
     * <p>Each chunk is generated into a chunk-sized buffer of its thread and decoded from there at once
     * ({@code TabularTransformer.Decoding.chunk}), so the whole sample is never held encoded: for tvae on Adult that
     * array was 20 MB of fresh memory, and allocating and first touching it was about 6 % of a first 32,561-row sample
     * (issue 19, measured with {@code perf}: page faults and page clearing), and decoding it afterwards read it back
     * from memory rather than from cache.
     */
    Data sample(int n, long seed, int threads) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot sample " + n + " rows");
        }
        int width = transformer.width();
        if (width == 0 || n == 0) {
            return transformer.inverse(new float[0], n); // every column constant (or all missing)
        }
        int size = chunkRows();
        int chunks = Math.floorDiv(n + size - 1, size);
        int buffer = Math.multiplyExact(Math.min(size, n), width);
        Device onDevice = DjlEngine.device(device);
        int workers = parallelChunks() && !onDevice.isGpu() ? Math.min(threads, chunks) : 1;
        TabularTransformer.Decoding decoding = transformer.decoding(n);
        try (NDManager manager = DjlEngine.newManager(onDevice)) {
            Sampler sampler = sampler(manager, seed);
            if (workers == 1) {
                float[] chunk = new float[buffer];
                for (int k = 0; k < chunks; k++) {
                    chunk(manager, sampler, k, size, n, chunk, decoding);
                }
            } else {
                ThreadLocal<float[]> chunkOfThread = ThreadLocal.withInitial(() -> new float[buffer]);
                Parallel.forEachIndex(chunks, workers, "genlab-sample", k -> {
                    try (DjlEngine.ThreadScope oneThread = DjlEngine.intraOpThreads(1)) {
                        chunk(manager, sampler, k, size, n, chunkOfThread.get(), decoding);
                    }
                });
            }
            return decoding.table();
        }
    }

    /** Generates chunk {@code k} (of {@code size} rows) of an {@code n}-row sample into {@code chunk} and decodes it. */
    private static void chunk(NDManager manager, Sampler sampler, int k, int size, int n, float[] chunk, TabularTransformer.Decoding decoding) {
        int from = k * size;
        int rows = Math.min(size, n - from);
        try (NDManager m = manager.newSubManager()) {
            sampler.chunk(m, k, rows, chunk);
        }
        decoding.chunk(chunk, from, from + rows);
    }

    /** Rows per chunk of a sample ({@link #CHUNK} unless the model needs larger ones). */
    int chunkRows() {
        return CHUNK;
    }

    /**
     * Whether chunks may be generated on several threads at once: yes when a chunk's randomness comes from host
     * generators seeded with {@code (seed, k)}; no for a model that draws from the engine's generator, which is one
     * per process (ddpm's reverse chain).
     */
    boolean parallelChunks() {
        return true;
    }

    /** The network for one sample, built from the weights in {@code manager} (gradients off), asked for each chunk. */
    abstract Sampler sampler(NDManager manager, long seed);

    /** What {@link #sampler} returns; with {@link #parallelChunks()} it is called from several threads at once. */
    interface Sampler {
        /**
         * Writes the {@code rows} encoded rows of chunk {@code k} of the sample (row-major, transformer width, ready
         * for decoding) into {@code out} from its index 0, its arrays made in {@code m}, its randomness seeded by the
         * sample's seed and {@code k} alone.
         */
        void chunk(NDManager m, int k, int rows, float[] out);
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

    @Override
    public void save(Path directory) throws IOException {
        new SavedModel(model, architecture, transformer, weights).write(directory);
    }
}
