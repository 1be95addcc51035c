package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.TextLikelihood;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small hand-written text models for the perplexity tests. */
final class Models {
    private Models() {
    }

    /** A fitted model that samples but gives no likelihoods. */
    static class SampleOnly implements FittedModel {
        @Override
        public Data sample(int n, long seed) {
            return Corpus.of(java.util.Collections.nCopies(n, "x"));
        }

        @Override
        public void save(Path directory) {
        }
    }

    /** Every token (each character and the end of each document) has probability 1/V, so perplexity is exactly V. */
    static final class Uniform extends SampleOnly implements TextLikelihood {
        private final int symbols;

        Uniform(int symbols) {
            this.symbols = symbols;
        }

        @Override
        public NegativeLogLikelihood score(Corpus corpus) {
            long tokens = UnigramModel.tokens(corpus);
            return new NegativeLogLikelihood(tokens * Math.log(symbols), tokens);
        }
    }

    /** Counts tokens its own way (no end-of-document token), which the metric must refuse. */
    static final class WithoutEndOfDocument extends SampleOnly implements TextLikelihood {
        @Override
        public NegativeLogLikelihood score(Corpus corpus) {
            long tokens = corpus.characters();
            return new NegativeLogLikelihood(tokens * Math.log(10), tokens);
        }
    }

    /** The unigram baseline itself as the model: ratio 1. */
    static final class Unigram extends SampleOnly implements TextLikelihood {
        private final UnigramModel model;

        Unigram(Corpus train) {
            this.model = UnigramModel.fit(train);
        }

        @Override
        public NegativeLogLikelihood score(Corpus corpus) {
            return model.score(corpus);
        }
    }

    /**
     * A character bigram model with add-one smoothing (start-of-document and end-of-document tokens, one unknown slot):
     * a real model with context, which must beat the unigram baseline on Shakespeare.
     */
    static final class Bigram extends SampleOnly implements TextLikelihood {
        private static final int START = -1;
        private static final int END = -2;
        private final Map<Integer, Map<Integer, Integer>> counts = new HashMap<>();
        private final Map<Integer, Integer> totals = new HashMap<>();
        private final int vocabulary;

        Bigram(Corpus train) {
            for (String d : train.documents()) {
                int previous = START;
                for (int c : d.codePoints().toArray()) {
                    add(previous, c);
                    previous = c;
                }
                add(previous, END);
            }
            vocabulary = train.alphabet().size() + 2;
        }

        private void add(int previous, int next) {
            counts.computeIfAbsent(previous, k -> new HashMap<>()).merge(next, 1, Integer::sum);
            totals.merge(previous, 1, Integer::sum);
        }

        private double cost(int previous, int next) {
            int count = counts.getOrDefault(previous, Map.of()).getOrDefault(next, 0);
            return -Math.log((count + 1.0) / (totals.getOrDefault(previous, 0) + vocabulary));
        }

        @Override
        public NegativeLogLikelihood score(Corpus corpus) {
            double nats = 0;
            for (String d : corpus.documents()) {
                int previous = START;
                for (int c : d.codePoints().toArray()) {
                    nats += cost(previous, c);
                    previous = c;
                }
                nats += cost(previous, END);
            }
            return new NegativeLogLikelihood(nats, UnigramModel.tokens(corpus));
        }
    }

}
