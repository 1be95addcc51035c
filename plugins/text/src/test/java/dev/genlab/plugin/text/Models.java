package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.TextLikelihood;
import dev.genlab.spi.TrainingContext;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Small hand-written text models for the perplexity tests, and a test-only model plugin for end-to-end runs. */
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
     * a real model with context, which must beat the unigram baseline on Shakespeare. It samples from the unsmoothed
     * counts (so only seen transitions), at most 400 characters per document.
     */
    static final class Bigram implements FittedModel, TextLikelihood {
        private static final int START = -1;
        private static final int END = -2;
        private static final int MAX_LENGTH = 400;
        private final List<String> train;
        private final Map<Integer, Map<Integer, Integer>> counts = new HashMap<>();
        private final Map<Integer, Integer> totals = new HashMap<>();
        private final int vocabulary;

        Bigram(Corpus train) {
            this.train = train.documents();
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
            counts.computeIfAbsent(previous, k -> new TreeMap<>()).merge(next, 1, Integer::sum);
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

        @Override
        public Data sample(int n, long seed) {
            SplittableRandom random = Seeds.random(seed, "char-bigram");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StringBuilder d = new StringBuilder();
                int previous = START;
                while (d.length() < MAX_LENGTH) {
                    int r = random.nextInt(totals.get(previous));
                    int next = END;
                    for (Map.Entry<Integer, Integer> e : counts.get(previous).entrySet()) {
                        r -= e.getValue();
                        if (r < 0) {
                            next = e.getKey();
                            break;
                        }
                    }
                    if (next == END) {
                        break;
                    }
                    d.appendCodePoint(next);
                    previous = next;
                }
                out.add(d.toString());
            }
            return Corpus.of(out);
        }

        @Override
        public void save(Path directory) throws IOException {
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(directory.resolve("train.ser")))) {
                out.writeObject(new ArrayList<>(train));
            }
        }

        @SuppressWarnings("unchecked")
        static Bigram load(Path directory) throws IOException {
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(directory.resolve("train.ser")))) {
                return new Bigram(Corpus.of((List<String>) in.readObject()));
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }
    }

    /** {@code char-bigram}: {@link Bigram} as a model plugin (registered for tests only), to run experiments end to end. */
    public static final class CharBigramPlugin implements ModelPlugin {
        @Override
        public String name() {
            return "char-bigram";
        }

        @Override
        public String description() {
            return "Test-only character bigram model with likelihoods";
        }

        @Override
        public Set<Modality> modalities() {
            return Set.of(Modality.TEXT);
        }

        @Override
        public Class<? extends GenerativeModel> modelClass() {
            return CharBigramModel.class;
        }
    }

    public static final class CharBigramModel implements GenerativeModel {
        @Override
        public FittedModel fit(Data train, TrainingContext context) {
            return new Bigram(train.asCorpus());
        }

        @Override
        public FittedModel load(Path directory) throws IOException {
            return Bigram.load(directory);
        }
    }
}
