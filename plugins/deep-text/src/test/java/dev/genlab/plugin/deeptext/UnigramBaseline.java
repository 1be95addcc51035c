package dev.genlab.plugin.deeptext;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.TextLikelihood.NegativeLogLikelihood;
import java.util.HashMap;
import java.util.Map;

/**
 * Character unigram model with add-one smoothing over the training characters plus the end-of-document and
 * unknown tokens, scoring the same tokens as the models: every character and one end token per document.
 */
final class UnigramBaseline {
    private static final int END = -1;
    private static final int UNKNOWN = -2;
    private final Map<Integer, Long> counts = new HashMap<>();
    private long total;

    UnigramBaseline(Corpus train) {
        counts.put(UNKNOWN, 0L);
        for (String d : train.documents()) {
            d.codePoints().forEach(this::count);
            count(END);
        }
    }

    private void count(int token) {
        counts.merge(token, 1L, Long::sum);
        total++;
    }

    private double logProbability(int token) {
        long c = counts.getOrDefault(token, counts.get(UNKNOWN));
        return Math.log((c + 1.0) / (total + counts.size()));
    }

    NegativeLogLikelihood score(Corpus test) {
        double nats = 0;
        long tokens = 0;
        for (String d : test.documents()) {
            int[] cps = d.codePoints().toArray();
            for (int cp : cps) {
                nats -= logProbability(cp);
            }
            nats -= logProbability(END);
            tokens += cps.length + 1;
        }
        return new NegativeLogLikelihood(nats, tokens);
    }
}
