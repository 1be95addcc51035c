package dev.genlab.plugin.deeptext;

import dev.genlab.plugin.djl.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Linear;
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.ParameterSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small decoder-only transformer (GPT-2's layout, Radford et al. 2019): token and learned position embeddings,
 * {@code layers} pre-LayerNorm blocks of causal multi-head self-attention and a GELU MLP (4 x wider), a final
 * LayerNorm, and next-character logits, optionally through the transposed token embedding (weight tying).
 * Embeddings start as N(0, 0.02); linear layers as PyTorch's {@code nn.Linear}.
 */
final class GptNetwork implements CharNetwork {
    private static final float MASKED = -1e9f;

    private record LayerNorm(NDArray weight, NDArray bias) {
        static LayerNorm of(ParameterSet params, String name, int width) {
            return new LayerNorm(params.parameter(name + ".weight", new long[] {width}, Init.constant(width, 1)),
                    params.parameter(name + ".bias", new long[] {width}, new float[width]));
        }

        NDArray forward(NDArray x) {
            return x.getNDArrayInternal().layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, 1e-5f).singletonOrThrow();
        }
    }

    private record Block(LayerNorm attentionNorm, Dense qkv, Dense projection, LayerNorm mlpNorm, Dense expand, Dense contract) {
    }

    private final int heads;
    private final int width;
    private final int context;
    private final float dropout;
    private final NDArray tokens;
    private final NDArray positions;
    private final List<Block> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Dense head;
    private final NDArray tiedBias;

    GptNetwork(ParameterSet params, int vocabulary, int layers, int heads, int width, int context, double dropout, boolean tieWeights,
               SplittableRandom init) {
        this.heads = heads;
        this.width = width;
        this.context = context;
        this.dropout = (float) dropout;
        this.tokens = params.parameter("token-embedding", new long[] {vocabulary, width}, Init.normal(init, vocabulary * width, 0.02));
        this.positions = params.parameter("position-embedding", new long[] {context, width}, Init.normal(init, context * width, 0.02));
        for (int l = 0; l < layers; l++) {
            String p = "block" + l + ".";
            blocks.add(new Block(LayerNorm.of(params, p + "ln1", width),
                    new Dense(params, p + "attention.qkv", width, 3 * width, init),
                    new Dense(params, p + "attention.projection", width, width, init),
                    LayerNorm.of(params, p + "ln2", width),
                    new Dense(params, p + "mlp.expand", width, 4 * width, init),
                    new Dense(params, p + "mlp.contract", 4 * width, width, init)));
        }
        this.finalNorm = LayerNorm.of(params, "ln-final", width);
        if (tieWeights) {
            this.head = null;
            this.tiedBias = params.parameter("head.bias", new long[] {vocabulary}, new float[vocabulary]);
        } else {
            this.head = new Dense(params, "head", width, vocabulary, init);
            this.tiedBias = null;
        }
    }

    /**
     * Logits for {@code tokens} ({@code rows x length}, row-major, {@code length <= context}): {@code (B, T, V)}, or
     * {@code (B, V)} for the last position only when {@code lastOnly}. Every {@code <doc>} token in the input starts a
     * new document: positions count from it and attention does not look back past it, so documents packed into one
     * training window are read exactly as each is read alone when scoring or sampling.
     */
    NDArray forward(NDManager m, long[] tokens, int rows, int length, boolean training, boolean lastOnly) {
        if (length > context) {
            throw new IllegalArgumentException("a window of " + length + " tokens is longer than the context of " + context);
        }
        long[] positionIds = new long[rows * length];
        float[] mask = new float[rows * length * length];
        documentLayout(tokens, rows, length, positionIds, mask);
        NDArray input = m.create(tokens, new Shape(rows, length));
        NDArray where = m.create(positionIds, new Shape(rows, length));
        NDArray x = input.getNDArrayInternal().embedding(input, this.tokens, SparseFormat.DENSE).singletonOrThrow();
        x = x.add(where.getNDArrayInternal().embedding(where, positions, SparseFormat.DENSE).singletonOrThrow());
        x = dropout(x, training);
        NDArray attentionMask = m.create(mask, new Shape(rows, 1, length, length));
        x = blocks(x, attentionMask, training, null);
        if (lastOnly) {
            x = x.get(new NDIndex(":, -1, :"));
        }
        x = finalNorm.forward(x);
        return head != null ? head.forward(x) : Linear.linear(x, this.tokens, tiedBias).singletonOrThrow();
    }

    /**
     * The transformer blocks over {@code x (B, T, width)}. With a {@code cache}, the keys and values of earlier
     * positions are read from it and this call's are appended, so {@code x} holds only the new positions.
     */
    private NDArray blocks(NDArray x, NDArray attentionMask, boolean training, KeyValueCache cache) {
        long rows = x.getShape().get(0);
        long length = x.getShape().get(1);
        int headWidth = width / heads;
        float scale = (float) (1 / Math.sqrt(headWidth));
        for (int l = 0; l < blocks.size(); l++) {
            Block b = blocks.get(l);
            NDList qkv = b.qkv().forward(b.attentionNorm().forward(x)).split(3, 2);
            NDArray q = qkv.get(0).reshape(rows, length, heads, headWidth).transpose(0, 2, 1, 3);
            NDArray k = qkv.get(1).reshape(rows, length, heads, headWidth).transpose(0, 2, 1, 3);
            NDArray v = qkv.get(2).reshape(rows, length, heads, headWidth).transpose(0, 2, 1, 3);
            if (cache != null) {
                if (cache.keys[l] != null) {
                    k = cache.keys[l].concat(k, 2);
                    v = cache.values[l].concat(v, 2);
                }
                cache.keys[l] = k;
                cache.values[l] = v;
            }
            NDArray attention = dropout(Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), scale).add(attentionMask).softmax(-1), training);
            NDArray y = attention.matMul(v).transpose(0, 2, 1, 3).reshape(rows, length, width);
            x = x.add(dropout(b.projection().forward(y), training));
            NDArray h = b.expand().forward(b.mlpNorm().forward(x));
            h = h.getNDArrayInternal().gelu();
            x = x.add(dropout(b.contract().forward(h), training));
        }
        return x;
    }

    /** Keys and values {@code (rows, heads, positions, width / heads)} per block, of the positions read so far. */
    private static final class KeyValueCache {
        final NDArray[] keys;
        final NDArray[] values;

        KeyValueCache(int layers) {
            keys = new NDArray[layers];
            values = new NDArray[layers];
        }

        /** Hands every array to {@code manager} (to be freed with it, or kept by it). */
        void attach(NDManager manager) {
            for (int l = 0; l < keys.length; l++) {
                if (keys[l] != null) {
                    keys[l].attach(manager);
                    values[l].attach(manager);
                }
            }
        }
    }

    /**
     * Position ids (counted from the last {@code <doc>} at or before each position, else from the window's start) and
     * the additive attention mask: position i sees j iff j <= i and no {@code <doc>} lies in (j, i].
     */
    static void documentLayout(long[] tokens, int rows, int length, long[] positionIds, float[] mask) {
        Arrays.fill(mask, MASKED);
        for (int r = 0; r < rows; r++) {
            int start = 0;
            for (int i = 0; i < length; i++) {
                if (tokens[r * length + i] == Vocabulary.BOUNDARY) {
                    start = i;
                }
                positionIds[r * length + i] = i - start;
                int row = (r * length + i) * length;
                Arrays.fill(mask, row + start, row + i + 1, 0f);
            }
        }
    }

    private NDArray dropout(NDArray x, boolean training) {
        return training && dropout > 0 ? x.getNDArrayInternal().dropout(x, dropout, true).singletonOrThrow() : x;
    }

    @Override
    public NDArray logits(NDManager manager, long[] input, int rows, int length) {
        return forward(manager, input, rows, length, false, false);
    }

    @Override
    public int window() {
        return context;
    }

    /**
     * Each step reads only the new tokens and attends to the cached keys and values of the earlier ones in the
     * window (a window holds no {@code <doc>} after its start, so this equals reading the whole window). When the
     * window would outgrow the context it restarts from the last {@code context / 2} tokens (positions from 0, as
     * scoring reads a long document's later windows), so every prediction sees at least half a context.
     */
    @Override
    public Session session(NDManager manager, int rows) {
        return new Session() {
            private long[][] history = new long[rows][64];
            private int total;
            private int window;
            private KeyValueCache cache = new KeyValueCache(blocks.size());

            @Override
            public float[] feed(long[] appended, int length) {
                int n = history.length;
                for (int r = 0; r < n; r++) {
                    if (total + length > history[r].length) {
                        history[r] = Arrays.copyOf(history[r], Math.max(2 * history[r].length, total + length));
                    }
                    System.arraycopy(appended, r * length, history[r], total, length);
                }
                total += length;
                try (NDManager step = manager.newSubManager()) {
                    if (window + length <= context) {
                        float[] logits = incremental(step, appended, n, length, window);
                        window += length;
                        return logits;
                    }
                    cache.attach(step);
                    cache = new KeyValueCache(blocks.size());
                    window = Math.min(total, Math.max(context / 2, Math.min(length, context)));
                    long[] tokens = new long[n * window];
                    for (int r = 0; r < n; r++) {
                        System.arraycopy(history[r], total - window, tokens, r * window, window);
                    }
                    return incremental(step, tokens, n, window, 0);
                }
            }

            private float[] incremental(NDManager step, long[] appended, int n, int length, int past) {
                cache.attach(step); // the old arrays go with this step; the extended ones are kept below
                long[] positionIds = new long[n * length];
                for (int r = 0; r < n; r++) {
                    for (int i = 0; i < length; i++) {
                        positionIds[r * length + i] = past + i;
                    }
                }
                float[] mask = new float[length * (past + length)];
                Arrays.fill(mask, MASKED);
                for (int i = 0; i < length; i++) {
                    Arrays.fill(mask, i * (past + length), i * (past + length) + past + i + 1, 0f);
                }
                NDArray input = step.create(appended, new Shape(n, length));
                NDArray where = step.create(positionIds, new Shape(n, length));
                NDArray x = input.getNDArrayInternal().embedding(input, tokens, SparseFormat.DENSE).singletonOrThrow();
                x = x.add(where.getNDArrayInternal().embedding(where, positions, SparseFormat.DENSE).singletonOrThrow());
                x = blocks(x, step.create(mask, new Shape(1, 1, length, past + length)), false, cache);
                cache.attach(manager);
                x = finalNorm.forward(x.get(new NDIndex(":, -1, :")));
                NDArray logits = head != null ? head.forward(x) : Linear.linear(x, tokens, tiedBias).singletonOrThrow();
                return logits.toFloatArray();
            }

            @Override
            public void retain(int[] keep) {
                long[][] kept = new long[keep.length][];
                for (int i = 0; i < keep.length; i++) {
                    kept[i] = history[keep[i]];
                }
                history = kept;
                if (cache.keys[0] == null) {
                    return;
                }
                try (NDManager step = manager.newSubManager()) {
                    cache.attach(step);
                    NDArray index = step.create(keep);
                    for (int l = 0; l < cache.keys.length; l++) {
                        cache.keys[l] = cache.keys[l].get(new NDIndex("{}", index));
                        cache.values[l] = cache.values[l].get(new NDIndex("{}", index));
                    }
                    cache.attach(manager);
                }
            }
        };
    }
}
