package dev.genlab.plugin.deeptext;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.train.BatchProgress;
import dev.genlab.plugin.djl.train.TrainingLoop;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny character-level GPT. An epoch joins the documents (in a fresh order) into one token stream, cuts it into
 * {@code context}-long windows from a random phase, shuffles them and trains on {@code batch-size} windows per
 * step, each predicting every next token. Documents packed into a window do not see each other (see
 * {@link GptNetwork#forward}), so training reads a document as scoring and sampling do.
 */
public final class GptModel implements GenerativeModel {
    static final String NAME = GptModelPlugin.NAME;
    private static final Logger LOG = LoggerFactory.getLogger(GptModel.class);

    private final GptConfig config;

    @Inject
    public GptModel(GptConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    public FittedModel fit(Data train, TrainingContext context) {
        Corpus corpus = TrainingText.corpus(train, NAME);
        TrainingText text = TrainingText.of(corpus, config.validation(), context.seed());
        text.vocabulary.requireKnown(config.prompt());
        Map<String, String> architecture = architecture();
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(config.device()))) {
            ParameterSet params = new ParameterSet(root);
            GptNetwork network = network(params, architecture, text.vocabulary.size(), config.dropout(), context.random("init"));
            LOG.debug("{}: {} parameters, {} tokens, {} training and {} validation documents", NAME, params.parameterCount(),
                    text.vocabulary.size(), text.train.size(), text.validation.size());
            Trainer trainer = new Trainer(root, params, network, text, context.seed(),
                    NAME + " " + architecture + " vocabulary " + text.vocabulary.size() + " tokens " + text.trainTokens);
            TrainingLoop.run(context, new TrainingLoop.Settings(NAME, config.epochs(), config.checkpointEvery(), config.resume()),
                    trainer, CharRnnModel::status);
            return new Fitted(text.vocabulary, params.snapshot(), architecture, config.sampling(), config.device());
        }
    }

    private Map<String, String> architecture() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("layers", Integer.toString(config.layers()));
        a.put("heads", Integer.toString(config.heads()));
        a.put("d-model", Integer.toString(config.dModel()));
        a.put("context", Integer.toString(config.context()));
        a.put("tie-weights", Boolean.toString(config.tieWeights()));
        return a;
    }

    static GptNetwork network(ParameterSet params, Map<String, String> a, int vocabulary, double dropout, SplittableRandom init) {
        return new GptNetwork(params, vocabulary, SavedTextModel.integer(a, "layers"), SavedTextModel.integer(a, "heads"),
                SavedTextModel.integer(a, "d-model"), SavedTextModel.integer(a, "context"), dropout,
                Boolean.parseBoolean(a.get("tie-weights")), init);
    }

    @Override
    public FittedModel load(Path directory) throws IOException {
        SavedTextModel saved = SavedTextModel.read(directory, NAME);
        return new Fitted(saved.vocabulary(), saved.weights(), saved.architecture(), config.sampling(), config.device());
    }

    private final class Trainer extends CharTrainer {
        private final GptNetwork gpt;

        Trainer(NDManager root, ParameterSet params, GptNetwork network, TrainingText text, long seed, String fingerprint) {
            super(root, params, network, text, seed, config.learningRate(), config.clipNorm(), fingerprint);
            this.gpt = network;
        }

        @Override
        double trainDocuments(int[] documentOrder, SplittableRandom random, BatchProgress batches) {
            int[] stream = text.stream(documentOrder);
            int predictions = stream.length - 1;
            int length = Math.min(config.context(), predictions);
            int phase = predictions >= 2 * length ? random.nextInt(length) : 0;
            int windows = (predictions - phase) / length;
            int[] order = TrainingText.permutation(windows, random);
            double lossSum = 0;
            long tokens = 0;
            for (int from = 0; from < windows; from += config.batchSize()) {
                int rows = Math.min(config.batchSize(), windows - from);
                long[] x = new long[rows * length];
                long[] y = new long[rows * length];
                for (int r = 0; r < rows; r++) {
                    int start = phase + order[from + r] * length;
                    for (int i = 0; i < length; i++) {
                        x[r * length + i] = stream[start + i];
                        y[r * length + i] = stream[start + i + 1];
                    }
                }
                try (NDManager batch = root.newSubManager()) {
                    NDArray targets = batch.create(y, new Shape(rows, length, 1));
                    int n = rows;
                    double loss = step(batch, () -> crossEntropy(gpt.forward(batch, x, n, length, true, false), targets));
                    lossSum += loss * rows * length;
                    tokens += (long) rows * length;
                }
                batches.batchDone(from / config.batchSize() + 1, (windows + config.batchSize() - 1) / config.batchSize());
            }
            return lossSum / tokens;
        }
    }

    static final class Fitted extends FittedCharModel {
        Fitted(Vocabulary vocabulary, Weights weights, Map<String, String> architecture, Sampling sampling, DeviceChoice device) {
            super(NAME, vocabulary, weights, architecture, sampling, device);
        }

        @Override
        CharNetwork build(ParameterSet params, SplittableRandom init) {
            return network(params, architecture, vocabulary.size(), 0, init);
        }
    }
}
