package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.TextLikelihood;
import java.util.HashMap;
import java.util.Map;

/**
 * The baseline of the {@code perplexity} metric: a character unigram model with add-one smoothing. Its symbols are
 * the training alphabet (code points), the end-of-document token and one unknown slot for characters the training
 * text never used, so {@code p(s) = (count(s) + 1) / (N + V)} with N the training tokens and V = |alphabet| + 2.
 * Tokens are counted as every model must count them: each character (code point) of a document, then one
 * end-of-document token.
 */
public final class UnigramModel implements TextLikelihood {
    private final Map<Integer, Long> counts;
    private final long documents;
    private final double logTotal;

    private UnigramModel(Map<Integer, Long> counts, long documents, long tokens) {
        this.counts = Map.copyOf(counts);
        this.documents = documents;
        this.logTotal = Math.log((double) tokens + counts.size() + 2);
    }

    /** Counts the characters and documents of {@code train}. */
    public static UnigramModel fit(Corpus train) {
        Map<Integer, Long> counts = new HashMap<>();
        for (String d : train.documents()) {
            d.codePoints().forEach(c -> counts.merge(c, 1L, Long::sum));
        }
        return new UnigramModel(counts, train.size(), tokens(train));
    }

    /** Tokens a model scores on {@code corpus}: its code points plus one end-of-document token per document. */
    public static long tokens(Corpus corpus) {
        long n = corpus.size();
        for (String d : corpus.documents()) {
            n += d.codePointCount(0, d.length());
        }
        return n;
    }

    /** Symbols with a probability: the training alphabet, end-of-document and unknown. */
    public int vocabularySize() {
        return counts.size() + 2;
    }

    @Override
    public NegativeLogLikelihood score(Corpus corpus) {
        double nats = 0;
        for (String d : corpus.documents()) {
            int[] cps = d.codePoints().toArray();
            for (int c : cps) {
                nats += logTotal - Math.log(counts.getOrDefault(c, 0L) + 1.0);
            }
            nats += logTotal - Math.log(documents + 1.0);
        }
        return new NegativeLogLikelihood(nats, tokens(corpus));
    }
}
