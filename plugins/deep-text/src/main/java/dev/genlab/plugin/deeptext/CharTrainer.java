package dev.genlab.plugin.deeptext;

import dev.genlab.plugin.djl.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.Adam;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.train.BatchProgress;
import dev.genlab.plugin.djl.train.EpochTrainer;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.TextLikelihood.NegativeLogLikelihood;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * An epoch of a character model: a fresh document order, the model's own pass over the documents, then the
 * per-token validation loss on the held-out documents. Metrics are {@code loss.train} (mean cross-entropy per
 * token, in nats, with dropout) and {@code loss.validation} (nats per token, without dropout).
 */
abstract class CharTrainer implements EpochTrainer {
    final NDManager root;
    final ParameterSet params;
    final CharNetwork network;
    final TrainingText text;
    final long seed;
    private final Adam adam;
    private final double clipNorm;
    private final String fingerprint;

    CharTrainer(NDManager root, ParameterSet params, CharNetwork network, TrainingText text, long seed, double learningRate,
                double clipNorm, String fingerprint) {
        this.root = root;
        this.params = params;
        this.network = network;
        this.text = text;
        this.seed = seed;
        this.adam = new Adam(params, learningRate, 0.9, 0.999, 0);
        this.clipNorm = clipNorm;
        this.fingerprint = Objects.requireNonNull(fingerprint);
    }

    /**
     * Trains on the training documents in this {@code order}, reporting each finished batch to {@code batches};
     * returns the mean loss per predicted token.
     */
    abstract double trainDocuments(int[] order, SplittableRandom random, BatchProgress batches);

    @Override
    public Map<String, Double> trainEpoch(int epoch) {
        return trainEpoch(epoch, BatchProgress.NONE);
    }

    @Override
    public Map<String, Double> trainEpoch(int epoch, BatchProgress batches) {
        SplittableRandom random = Seeds.random(seed, "batches-" + epoch);
        int[] order = TrainingText.permutation(text.train.size(), random);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss.train", trainDocuments(order, random, batches));
        if (!text.validation.isEmpty()) {
            NegativeLogLikelihood nll = Likelihood.score(root, network, text.validation);
            metrics.put("loss.validation", nll.nats() / nll.tokens());
        }
        return metrics;
    }

    /** Mean cross-entropy of {@code logits (B, T, V)} against {@code targets (B, T, 1)}. */
    static NDArray crossEntropy(NDArray logits, NDArray targets) {
        return logits.logSoftmax(-1).gather(targets, -1).mean().neg();
    }

    /** Cross-entropy of {@code logits (B, T, V)} against {@code targets (B, T, 1)}, averaged where {@code mask (B, T)} is 1. */
    static NDArray crossEntropy(NDArray logits, NDArray targets, NDArray mask, double count) {
        return Scalars.div(logits.logSoftmax(-1).gather(targets, -1).squeeze(-1).mul(mask).sum().neg(), count);
    }

    /** Back-propagates the loss, clips the gradients and takes an Adam step; returns the loss. */
    double step(NDManager batch, Supplier<NDArray> loss) {
        double value;
        try (GradientCollector collector = DjlEngine.engine().newGradientCollector()) {
            NDArray l = loss.get();
            collector.backward(l);
            value = l.getFloat();
        }
        if (clipNorm > 0) {
            GradientClipping.clip(params.trainable(), clipNorm, batch);
        }
        adam.step();
        return value;
    }

    @Override
    public Weights checkpointState() {
        return new Weights(Map.of()).with("network.", params.snapshot()).with("adam.", adam.state());
    }

    @Override
    public void restore(Weights state) {
        params.assign(state.part("network."));
        adam.restore(state.part("adam."));
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }
}
