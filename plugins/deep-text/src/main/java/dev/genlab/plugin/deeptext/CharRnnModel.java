package dev.genlab.plugin.deeptext;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A character-level LSTM or GRU language model (Karpathy's char-rnn), trained with truncated back-propagation
 * through time over whole documents, each read from a zero state as it is scored and sampled.
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

        /**
         * Documents are dealt to {@code batch-size} lanes (each to the lane with the least work so far) and cut into
         * {@code sequence-length} segments; step s trains every lane's s-th segment. A lane's state is carried from one
         * segment of a document to the next (detached: truncated BPTT) and reset to zero where a document begins, as
         * scoring and sampling begin, and the padding after a document's last segment is masked out of the loss.
         */
        @Override
        double trainDocuments(int[] order, SplittableRandom random, BatchProgress batches) {
            int length = config.sequenceLength();
            int lanes = Math.min(config.batchSize(), order.length);
            List<List<long[]>> work = new ArrayList<>();
            long[] load = new long[lanes];
            for (int l = 0; l < lanes; l++) {
                work.add(new ArrayList<>());
            }
            for (int d : order) {
                int[] doc = text.train.get(d);
                int predictions = doc.length - 1;
                int lane = 0;
                for (int l = 1; l < lanes; l++) {
                    if (load[l] < load[lane]) {
                        lane = l;
                    }
                }
                for (int from = 0; from < predictions; from += length) {
                    work.get(lane).add(new long[] {d, from}); // document, first predicted position
                    load[lane]++;
                }
            }
            long steps = 0;
            for (long l : load) {
                steps = Math.max(steps, l);
            }
            double lossSum = 0;
            long tokens = 0;
            NDList state = null;
            try (NDManager epoch = root.newSubManager()) {
                for (int s = 0; s < steps; s++) {
                    long[] x = new long[lanes * length];
                    long[] y = new long[lanes * length];
                    float[] mask = new float[lanes * length];
                    float[] keep = new float[lanes];
                    int count = 0;
                    for (int l = 0; l < lanes; l++) {
                        if (s >= work.get(l).size()) {
                            continue; // an idle lane: padding only
                        }
                        long[] segment = work.get(l).get(s);
                        int[] doc = text.train.get((int) segment[0]);
                        int from = (int) segment[1];
                        keep[l] = from == 0 ? 0 : 1;
                        int n = Math.min(length, doc.length - 1 - from);
                        for (int t = 0; t < n; t++) {
                            x[l * length + t] = doc[from + t];
                            y[l * length + t] = doc[from + t + 1];
                            mask[l * length + t] = 1;
                        }
                        count += n;
                    }
                    try (NDManager batch = root.newSubManager()) {
                        NDArray inputs = batch.create(x, new Shape(lanes, length));
                        NDArray targets = batch.create(y, new Shape(lanes, length, 1));
                        NDArray weights = batch.create(mask, new Shape(lanes, length));
                        NDList carried = null;
                        if (state != null) {
                            NDArray reset = batch.create(keep, new Shape(1, lanes, 1));
                            carried = new NDList(state.size());
                            for (NDArray a : state) {
                                carried.add(reset.mul(a));
                            }
                        }
                        NDList start = carried;
                        NDList[] next = new NDList[1];
                        double predicted = count;
                        double loss = step(batch, () -> {
                            CharRnnNetwork.Output out = rnn.forward(inputs, start, true);
                            next[0] = out.state();
                            return crossEntropy(out.logits(), targets, weights, predicted);
                        });
                        NDList detached = new NDList(next[0].size());
                        for (NDArray a : next[0]) {
                            NDArray d = a.stopGradient();
                            d.attach(epoch);
                            detached.add(d);
                        }
                        if (state != null) {
                            state.close();
                        }
                        state = detached;
                        lossSum += loss * count;
                        tokens += count;
                    }
                    batches.batchDone(s + 1, steps);
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
