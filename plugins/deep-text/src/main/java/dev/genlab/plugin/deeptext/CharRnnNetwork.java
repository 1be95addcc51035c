package dev.genlab.plugin.deeptext;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.ParameterSet;
import java.util.SplittableRandom;

/**
 * Embedding, a stack of LSTM or GRU layers run by the engine's fused recurrent op (one native call for all layers
 * and time steps), dropout, and a linear layer to next-character logits. Weights are laid out as PyTorch's
 * {@code nn.LSTM}/{@code nn.GRU} ({@code weight_ih, weight_hh, bias_ih, bias_hh} per layer) and initialised as
 * PyTorch does.
 */
final class CharRnnNetwork implements CharNetwork {
    /** Logits and the recurrent state after the last step ({@code h}, plus {@code c} for an LSTM). */
    record Output(NDArray logits, NDList state) {
    }

    private final RnnCell cell;
    private final int layers;
    private final int hidden;
    private final float dropout;
    private final NDArray embedding;
    private final NDList recurrent = new NDList();
    private final Dense output;

    CharRnnNetwork(ParameterSet params, RnnCell cell, int vocabulary, int embeddingDim, int hidden, int layers, double dropout,
                   SplittableRandom init) {
        this.cell = cell;
        this.layers = layers;
        this.hidden = hidden;
        this.dropout = (float) dropout;
        this.embedding = params.parameter("embedding", new long[] {vocabulary, embeddingDim}, Init.normal(init, vocabulary * embeddingDim, 1));
        double bound = 1 / Math.sqrt(hidden);
        int gates = cell.gates() * hidden;
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? embeddingDim : hidden;
            String p = "rnn.l" + l + ".";
            recurrent.add(params.parameter(p + "weight_ih", new long[] {gates, in}, Init.uniform(init, gates * in, bound)));
            recurrent.add(params.parameter(p + "weight_hh", new long[] {gates, hidden}, Init.uniform(init, gates * hidden, bound)));
            recurrent.add(params.parameter(p + "bias_ih", new long[] {gates}, Init.uniform(init, gates, bound)));
            recurrent.add(params.parameter(p + "bias_hh", new long[] {gates}, Init.uniform(init, gates, bound)));
        }
        this.output = new Dense(params, "output", hidden, vocabulary, init);
    }

    /** Reads {@code tokens (B, T)} from {@code state} (null: zeros); dropout when {@code training}. */
    Output forward(NDArray tokens, NDList state, boolean training) {
        NDManager m = tokens.getManager();
        long batch = tokens.getShape().get(0);
        NDArray x = tokens.getNDArrayInternal().embedding(tokens, embedding, SparseFormat.DENSE).singletonOrThrow();
        x = dropout(x, training);
        if (state == null) {
            Shape shape = new Shape(layers, batch, hidden);
            state = cell == RnnCell.LSTM ? new NDList(m.zeros(shape), m.zeros(shape)) : new NDList(m.zeros(shape));
        }
        NDList out = cell == RnnCell.LSTM
                ? x.getNDArrayInternal().lstm(x, state, recurrent, true, layers, dropout, training, false, true)
                : x.getNDArrayInternal().gru(x, state.head(), recurrent, true, layers, dropout, training, false, true);
        NDArray h = dropout(out.get(0), training);
        NDList next = cell == RnnCell.LSTM ? new NDList(out.get(1), out.get(2)) : new NDList(out.get(1));
        return new Output(output.forward(h), next);
    }

    private NDArray dropout(NDArray x, boolean training) {
        return training && dropout > 0 ? x.getNDArrayInternal().dropout(x, dropout, true).singletonOrThrow() : x;
    }

    @Override
    public NDArray logits(NDManager manager, long[] tokens, int rows, int length) {
        return forward(manager.create(tokens, new Shape(rows, length)), null, false).logits();
    }

    @Override
    public int window() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Session session(NDManager manager, int rows) {
        return new Session() {
            private NDList state;

            @Override
            public float[] feed(long[] tokens, int length) {
                int current = tokens.length / length;
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(tokens, new Shape(current, length));
                    Output out = forward(x, state, false);
                    float[] logits = out.logits().get(new NDIndex(":, -1, :")).toFloatArray();
                    replaceState(out.state());
                    return logits;
                }
            }

            @Override
            public void retain(int[] keep) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray index = step.create(keep);
                    NDList kept = new NDList(state.size());
                    for (NDArray s : state) {
                        kept.add(s.get(new NDIndex(":, {}", index)));
                    }
                    replaceState(kept);
                }
            }

            /** Moves the new state into the session's manager before the step's manager frees everything else. */
            private void replaceState(NDList next) {
                NDList old = state;
                for (NDArray s : next) {
                    s.attach(manager);
                }
                state = next;
                if (old != null) {
                    old.close();
                }
            }
        };
    }
}
