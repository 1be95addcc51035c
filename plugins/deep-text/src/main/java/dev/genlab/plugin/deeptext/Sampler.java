package dev.genlab.plugin.deeptext;

import ai.djl.ndarray.NDManager;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes documents with a {@link CharNetwork}: each starts as {@code <doc>} + prompt, then draws one character at a
 * time (softmax of logits / temperature, optionally among the top k) until the model draws {@code <doc>} or the
 * document reaches its maximum length. The unknown-character token is never drawn. Document {@code i} draws from
 * its own stream {@code Seeds.random(seed, "document-" + i)}; documents are written in groups of {@value #GROUP}.
 */
final class Sampler {
    static final int GROUP = 64;

    private Sampler() {
    }

    static Corpus sample(NDManager manager, CharNetwork network, Vocabulary vocabulary, Sampling settings, int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot sample " + n + " documents");
        }
        int[] prefix = vocabulary.promptPrefix(settings.prompt());
        List<String> documents = new ArrayList<>(n);
        for (int from = 0; from < n; from += GROUP) {
            int rows = Math.min(GROUP, n - from);
            try (NDManager m = manager.newSubManager()) {
                documents.addAll(group(m, network, vocabulary, settings, prefix, from, rows, seed));
            }
        }
        return Corpus.of(documents);
    }

    private static List<String> group(NDManager m, CharNetwork network, Vocabulary vocabulary, Sampling settings, int[] prefix,
                                      int first, int rows, long seed) {
        int v = vocabulary.size();
        StringBuilder[] docs = new StringBuilder[rows];
        SplittableRandom[] random = new SplittableRandom[rows];
        for (int r = 0; r < rows; r++) {
            docs[r] = new StringBuilder(settings.prompt());
            random[r] = Seeds.random(seed, "document-" + (first + r));
        }
        int promptLength = prefix.length - 1;
        CharNetwork.Session session = network.session(m, rows);
        long[] start = new long[rows * prefix.length];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < prefix.length; t++) {
                start[r * prefix.length + t] = prefix[t];
            }
        }
        float[] logits = session.feed(start, prefix.length);
        int[] active = new int[rows];
        for (int r = 0; r < rows; r++) {
            active[r] = r;
        }
        float[] scratch = new float[v];
        for (int length = promptLength; active.length > 0; length++) {
            int[] keep = new int[active.length];
            long[] next = new long[active.length];
            int kept = 0;
            for (int j = 0; j < active.length; j++) {
                int row = active[j];
                int token = draw(logits, j * v, v, settings, random[row], scratch);
                if (token == Vocabulary.BOUNDARY) {
                    continue;
                }
                docs[row].appendCodePoint(vocabulary.codePoint(token));
                if (length + 1 >= settings.maxLength()) {
                    continue;
                }
                keep[kept] = j;
                next[kept] = token;
                kept++;
            }
            if (kept == 0) {
                break;
            }
            int[] stillActive = new int[kept];
            for (int j = 0; j < kept; j++) {
                stillActive[j] = active[keep[j]];
            }
            if (kept < active.length) {
                session.retain(Arrays.copyOf(keep, kept));
            }
            active = stillActive;
            logits = session.feed(Arrays.copyOf(next, kept), 1);
        }
        List<String> out = new ArrayList<>(rows);
        for (StringBuilder b : docs) {
            out.add(b.toString());
        }
        return out;
    }

    /** One token from the logits at {@code offset}: temperature, top-k, never the unknown token. */
    static int draw(float[] logits, int offset, int v, Sampling settings, SplittableRandom random, float[] scratch) {
        double temperature = settings.temperature();
        float threshold = Float.NEGATIVE_INFINITY;
        if (settings.topK() > 0 && settings.topK() < v - 1) {
            int n = 0;
            for (int i = 0; i < v; i++) {
                if (i != Vocabulary.UNKNOWN) {
                    scratch[n++] = logits[offset + i];
                }
            }
            float[] sorted = Arrays.copyOf(scratch, n);
            Arrays.sort(sorted);
            threshold = sorted[n - settings.topK()];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            if (i != Vocabulary.UNKNOWN && logits[offset + i] >= threshold) {
                max = Math.max(max, logits[offset + i]);
            }
        }
        double total = 0;
        double[] weights = new double[v];
        for (int i = 0; i < v; i++) {
            if (i != Vocabulary.UNKNOWN && logits[offset + i] >= threshold) {
                weights[i] = Math.exp((logits[offset + i] - max) / temperature);
                total += weights[i];
            }
        }
        double u = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < v; i++) {
            if (weights[i] > 0) {
                last = i;
                u -= weights[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left u a hair above zero
    }
}
