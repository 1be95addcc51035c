package dev.genlab.plugin.deeptext;

import ai.djl.ndarray.NDManager;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.TextLikelihood;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A fitted character model: vocabulary, weights on the heap (no native memory is held between calls) and
 * architecture. Each call builds the network in a fresh manager; the same seed samples the same documents.
 */
abstract class FittedCharModel implements FittedModel, TextLikelihood {
    final String model;
    final Vocabulary vocabulary;
    final Weights weights;
    final Map<String, String> architecture;
    final Sampling sampling;
    final DeviceChoice device;

    FittedCharModel(String model, Vocabulary vocabulary, Weights weights, Map<String, String> architecture, Sampling sampling, DeviceChoice device) {
        this.model = model;
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary is null");
        this.weights = Objects.requireNonNull(weights, "weights is null");
        this.architecture = Map.copyOf(architecture);
        this.sampling = Objects.requireNonNull(sampling, "sampling is null");
        this.device = device;
    }

    /** The network of {@link #architecture}, registered in {@code params} (its initial values are overwritten). */
    abstract CharNetwork build(ParameterSet params, SplittableRandom init);

    private CharNetwork network(NDManager manager) {
        ParameterSet params = new ParameterSet(manager);
        CharNetwork network = build(params, new SplittableRandom(0));
        params.assign(weights);
        return network;
    }

    @Override
    public Corpus sample(int n, long seed) {
        vocabulary.requireKnown(sampling.prompt());
        if (n == 0) {
            return Corpus.of(java.util.List.of());
        }
        try (NDManager manager = DjlEngine.newManager(DjlEngine.device(device))) {
            return Sampler.sample(manager, network(manager), vocabulary, sampling, n, seed);
        }
    }

    @Override
    public NegativeLogLikelihood score(Corpus corpus) {
        if (corpus.size() == 0) {
            return new NegativeLogLikelihood(0, 0);
        }
        try (NDManager manager = DjlEngine.newManager(DjlEngine.device(device))) {
            return Likelihood.score(manager, network(manager), vocabulary.documents(corpus.documents()));
        }
    }

    @Override
    public void save(Path directory) throws IOException {
        new SavedTextModel(model, architecture, vocabulary, weights).write(directory);
    }
}
