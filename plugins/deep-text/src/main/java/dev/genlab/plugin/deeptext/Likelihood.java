package dev.genlab.plugin.deeptext;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.genlab.spi.TextLikelihood.NegativeLogLikelihood;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Negative log-likelihood of tokenised documents ({@code <doc> c1 … cn <doc>}): every character and the closing
 * {@code <doc>} is predicted from what precedes it. A document longer than the network's window is read in
 * windows that overlap by half, each scoring only the positions the previous one did not, so every prediction
 * after the first window sees at least half a window of context. Windows are batched by length.
 */
final class Likelihood {
    /** Token positions per forward pass. */
    private static final int BATCH_TOKENS = 16384;

    private record Window(int[] document, int begin, int end, int scoreFrom) {
        int length() {
            return end - begin;
        }
    }

    private Likelihood() {
    }

    static NegativeLogLikelihood score(NDManager manager, CharNetwork network, List<int[]> documents) {
        List<Window> windows = new ArrayList<>();
        long tokens = 0;
        int w = network.window();
        for (int[] doc : documents) {
            int predictions = doc.length - 1;
            tokens += predictions;
            int begin = 0;
            int scored = 0;
            while (true) {
                int end = (int) Math.min((long) begin + w, predictions);
                windows.add(new Window(doc, begin, end, scored - begin));
                scored = end;
                if (end == predictions) {
                    break;
                }
                begin = end - Math.max(1, w / 2);
            }
        }
        windows.sort(Comparator.comparingInt(Window::length).reversed());
        double nats = 0;
        int i = 0;
        while (i < windows.size()) {
            int length = windows.get(i).length();
            int rows = Math.max(1, Math.min(windows.size() - i, BATCH_TOKENS / length));
            nats += batch(manager, network, windows.subList(i, i + rows), length);
            i += rows;
        }
        return new NegativeLogLikelihood(nats, tokens);
    }

    private static double batch(NDManager parent, CharNetwork network, List<Window> windows, int length) {
        int rows = windows.size();
        long[] inputs = new long[rows * length];
        long[] targets = new long[rows * length];
        float[] mask = new float[rows * length];
        for (int r = 0; r < rows; r++) {
            Window win = windows.get(r);
            for (int t = 0; t < win.length(); t++) {
                inputs[r * length + t] = win.document[win.begin + t];
                targets[r * length + t] = win.document[win.begin + t + 1];
                mask[r * length + t] = t >= win.scoreFrom ? 1 : 0;
            }
            // positions past the window's end are padding: the network reads left to right, so they change
            // nothing before them, and the mask drops their predictions
        }
        try (NDManager m = parent.newSubManager()) {
            NDArray y = m.create(targets, new Shape(rows, length, 1));
            NDArray logProbabilities = network.logits(m, inputs, rows, length).logSoftmax(-1).gather(y, -1).squeeze(-1);
            return logProbabilities.toType(DataType.FLOAT64, false).mul(m.create(mask, new Shape(rows, length)).toType(DataType.FLOAT64, false))
                    .sum().neg().getDouble();
        }
    }
}
