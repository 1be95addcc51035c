package dev.genlab.plugin.deeptext;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.plugin.djl.nn.Weights;
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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A character-level LSTM or GRU language model (Karpathy's char-rnn), trained with truncated back-propagation
 * through time: each epoch's token stream is cut into {@code batch-size} contiguous rows, read {@code sequence-length}
 * tokens at a time, and the recurrent state is carried (detached) from one segment to the next.
 */
public final class CharRnnModel implements GenerativeModel {
    static final String NAME = CharRnnModelPlugin.NAME;
    private static final Logger LOG = LoggerFactory.getLogger(CharRnnModel.class);

    private final CharRnnConfig config;

    @Inject
    public CharRnnModel(CharRnnConfig config) {
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
            CharRnnNetwork network = network(params, architecture, text.vocabulary.size(), config.dropout(), context.random("init"));
            LOG.debug("{}: {} parameters, {} tokens, {} training and {} validation documents", NAME, params.parameterCount(),
                    text.vocabulary.size(), text.train.size(), text.validation.size());
            Trainer trainer = new Trainer(root, params, network, text, context.seed(),
                    NAME + " " + architecture + " vocabulary " + text.vocabulary.size() + " tokens " + text.trainTokens);
            TrainingLoop.run(context, new TrainingLoop.Settings(NAME, config.epochs(), config.checkpointEvery(), config.resume()),
                    trainer, CharRnnModel::status);
            return new Fitted(text.vocabulary, params.snapshot(), architecture, config.sampling(), config.device());
        }
    }

    static String status(Map<String, Double> metrics) {
        Double validation = metrics.get("loss.validation");
        return String.format(Locale.ROOT, "loss %.3f", metrics.get("loss.train"))
                + (validation == null ? "" : String.format(Locale.ROOT, " val %.3f", validation));
    }

    private Map<String, String> architecture() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("cell", config.cell().name().toLowerCase(Locale.ROOT));
        a.put("layers", Integer.toString(config.layers()));
        a.put("hidden", Integer.toString(config.hidden()));
        a.put("embedding-dim", Integer.toString(config.embeddingDim()));
        return a;
    }

    static CharRnnNetwork network(ParameterSet params, Map<String, String> a, int vocabulary, double dropout, SplittableRandom init) {
        RnnCell cell = RnnCell.valueOf(a.get("cell").toUpperCase(Locale.ROOT));
        return new CharRnnNetwork(params, cell, vocabulary, SavedTextModel.integer(a, "embedding-dim"), SavedTextModel.integer(a, "hidden"),
                SavedTextModel.integer(a, "layers"), dropout, init);
    }

    @Override
    public FittedModel load(Path directory) throws IOException {
        SavedTextModel saved = SavedTextModel.read(directory, NAME);
        return new Fitted(saved.vocabulary(), saved.weights(), saved.architecture(), config.sampling(), config.device());
    }

    private final class Trainer extends CharTrainer {
        private final CharRnnNetwork rnn;

        Trainer(NDManager root, ParameterSet params, CharRnnNetwork network, TrainingText text, long seed, String fingerprint) {
            super(root, params, network, text, seed, config.learningRate(), config.clipNorm(), fingerprint);
            this.rnn = network;
        }

        @Override
        double trainStream(int[] stream, SplittableRandom random) {
            int predictions = stream.length - 1;
            int length = Math.min(config.sequenceLength(), predictions);
            int rows = Math.max(1, Math.min(config.batchSize(), predictions / length));
            int perRow = predictions / rows;
            double lossSum = 0;
            long tokens = 0;
            NDList state = null;
            try (NDManager epoch = root.newSubManager()) {
                for (int offset = 0; offset < perRow; offset += length) {
                    int t = Math.min(length, perRow - offset);
                    long[] x = new long[rows * t];
                    long[] y = new long[rows * t];
                    for (int r = 0; r < rows; r++) {
                        int from = r * perRow + offset;
                        for (int i = 0; i < t; i++) {
                            x[r * t + i] = stream[from + i];
                            y[r * t + i] = stream[from + i + 1];
                        }
                    }
                    try (NDManager batch = root.newSubManager()) {
                        NDArray inputs = batch.create(x, new Shape(rows, t));
                        NDArray targets = batch.create(y, new Shape(rows, t, 1));
                        NDList carried = state;
                        NDList[] next = new NDList[1];
                        double loss = step(batch, () -> {
                            CharRnnNetwork.Output out = rnn.forward(inputs, carried, true);
                            next[0] = out.state();
                            return crossEntropy(out.logits(), targets);
                        });
                        NDList detached = new NDList(next[0].size());
                        for (NDArray s : next[0]) {
                            NDArray d = s.stopGradient();
                            d.attach(epoch);
                            detached.add(d);
                        }
                        if (state != null) {
                            state.close();
                        }
                        state = detached;
                        lossSum += loss * rows * t;
                        tokens += (long) rows * t;
                    }
                }
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
