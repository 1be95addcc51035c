package dev.genlab.plugin.deeptext;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataException;
import dev.genlab.spi.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The documents a character model trains on, tokenised ({@code <doc> c1 … cn <doc>}), with an optional validation
 * share held out.
 */
final class TrainingText {
    static final String SOURCE = "training data";

    final Vocabulary vocabulary;
    final List<int[]> train;
    final List<int[]> validation;
    final long trainTokens;

    private TrainingText(Vocabulary vocabulary, List<int[]> train, List<int[]> validation) {
        this.vocabulary = vocabulary;
        this.train = train;
        this.validation = validation;
        long n = 0;
        for (int[] d : train) {
            n += d.length - 1;
        }
        this.trainTokens = n;
    }

    /** The corpus a model of type {@code model} fits on; a clear {@link DataException} for anything else. */
    static Corpus corpus(Data data, String model) {
        if (!(data instanceof Corpus corpus)) {
            throw new DataException(SOURCE, model + " learns from text (a corpus of documents) but was given "
                    + data.modality().label() + " data of " + data.size() + " rows; use a text dataset (shakespeare, text or lines)");
        }
        if (corpus.size() == 0) {
            throw new DataException(SOURCE, "the corpus has no documents; " + model + " needs text to learn from");
        }
        if (corpus.characters() == 0) {
            throw new DataException(SOURCE, "all " + corpus.size() + " documents of the corpus are empty; " + model + " needs text to learn from");
        }
        return corpus;
    }

    /**
     * Builds the vocabulary from the whole corpus (validation documents included, so their characters are known)
     * and holds out {@code validationShare} of the documents when at least one document remains for training.
     */
    static TrainingText of(Corpus corpus, double validationShare, long seed) {
        Vocabulary vocabulary = Vocabulary.of(corpus);
        List<int[]> docs = vocabulary.documents(corpus.documents());
        int held = (int) Math.floor(validationShare * docs.size());
        if (held < 1 || held >= docs.size()) {
            return new TrainingText(vocabulary, docs, List.of());
        }
        int[] order = permutation(docs.size(), Seeds.random(seed, "validation"));
        List<int[]> train = new ArrayList<>();
        List<int[]> validation = new ArrayList<>();
        boolean[] isValidation = new boolean[docs.size()];
        for (int i = 0; i < held; i++) {
            isValidation[order[i]] = true;
        }
        for (int i = 0; i < docs.size(); i++) {
            (isValidation[i] ? validation : train).add(docs.get(i));
        }
        return new TrainingText(vocabulary, List.copyOf(train), List.copyOf(validation));
    }

    /**
     * The training documents in {@code order} as one stream, each {@code <doc> c1 … cn}, and a final {@code <doc>}:
     * every document's end is a token to predict, and the same token begins the next document.
     */
    int[] stream(int[] order) {
        int[] stream = new int[Math.toIntExact(trainTokens + 1)];
        int at = 0;
        for (int i : order) {
            int[] doc = train.get(i);
            System.arraycopy(doc, 0, stream, at, doc.length - 1);
            at += doc.length - 1;
        }
        stream[at] = Vocabulary.BOUNDARY;
        return stream;
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
