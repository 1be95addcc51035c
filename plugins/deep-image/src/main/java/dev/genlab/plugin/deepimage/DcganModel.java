package dev.genlab.plugin.deepimage;

import dev.genlab.plugin.djl.nn.Scalars;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.Adam;
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.plugin.djl.nn.Networks;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.train.BatchProgress;
import dev.genlab.plugin.djl.train.EpochTrainer;
import dev.genlab.plugin.djl.train.TrainingLoop;
import dev.genlab.plugin.image.ImageGrids;
import dev.genlab.plugin.image.ImagePixels;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * DCGAN (Radford et al. 2016) for images: a generator from Gaussian noise through the {@link ConvNets.Decoder}
 * (batch norm, ReLU, tanh output) and a discriminator of the {@link ConvNets.Encoder} and a linear score, trained
 * with the non-saturating or hinge loss, one discriminator and one generator update per batch. Conditional (Mirza
 * and Osindero 2014) when the data has a class label: the one-hot label is appended to the noise and, as constant
 * maps, to the discriminator's input channels. Every {@code grid-every} epochs a grid of samples from fixed noise
 * (one class per column when conditional) is written as {@code epochs/epoch-NNNN.png}.
 */
public final class DcganModel extends DeepImageModel {
    static final String NAME = DcganModelPlugin.NAME;
    static final int GRID_IMAGES = 100;
    private final DcganConfig config;

    @Inject
    public DcganModel(DcganConfig config) {
        super(NAME);
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    boolean conditional() {
        return config.conditional();
    }

    @Override
    DeviceChoice device() {
        return config.device();
    }

    @Override
    Weights train(NDManager root, ImageCodec codec, ImageBatches data, TrainingContext context) {
        Trainer trainer = new Trainer(root, codec, data, context);
        TrainingLoop.run(context, new TrainingLoop.Settings(NAME, config.epochs(), config.checkpointEvery(), config.resume()),
                trainer, m -> String.format(Locale.ROOT, "g %.3f d %.3f", m.get("loss.generator"), m.get("loss.discriminator")));
        return trainer.networks.weights("generator");
    }

    @Override
    Map<String, String> architecture() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("latent-dim", Integer.toString(config.latentDim()));
        a.put("generator-channels", Integer.toString(config.generatorChannels()));
        a.put("batch-norm", Boolean.toString(config.batchNorm()));
        return a;
    }

    @Override
    FittedImageModel fitted(ImageCodec codec, Weights weights, Map<String, String> architecture) {
        return new FittedDcgan(codec, weights, architecture, config.device());
    }

    static ConvNets.Decoder generator(ParameterSet params, ImageCodec codec, int latent, int channels, boolean batchNorm, SplittableRandom init) {
        return new ConvNets.Decoder(params, "generator", latent + codec.classes(), codec.shape, channels, batchNorm, init);
    }

    /** Generator input: noise, with the one-hot labels appended when conditional. */
    static NDArray noise(NDManager m, SplittableRandom random, int rows, int latent, ImageCodec codec, int[] labels, int from) {
        NDArray z = m.create(Gaussians.fill(random, rows * latent), new Shape(rows, latent));
        return labels == null ? z : z.concat(ImageBatches.oneHot(m, labels, from, rows, codec.classes()), 1);
    }

    private final class Trainer implements EpochTrainer {
        final Networks networks = new Networks();
        final NDManager root;
        final ImageCodec codec;
        final ImageBatches data;
        final TrainingContext context;
        final ConvNets.Decoder generator;
        final ConvNets.Encoder discriminator;
        final Dense score;
        final ParameterSet discriminatorParams;
        final Adam generatorAdam;
        final Adam discriminatorAdam;
        final long seed;

        Trainer(NDManager root, ImageCodec codec, ImageBatches data, TrainingContext context) {
            this.root = root;
            this.codec = codec;
            this.data = data;
            this.context = context;
            this.seed = context.seed();
            SplittableRandom init = Seeds.random(seed, "init");
            ParameterSet g = networks.network("generator", new ParameterSet(root));
            generator = generator(g, codec, config.latentDim(), config.generatorChannels(), config.batchNorm(), init);
            discriminatorParams = networks.network("discriminator", new ParameterSet(root));
            discriminator = new ConvNets.Encoder(discriminatorParams, "discriminator", codec.channels() + codec.classes(), codec.shape,
                    config.discriminatorChannels(), init);
            score = new Dense(discriminatorParams, "discriminator.score", discriminator.features, 1, init);
            generatorAdam = networks.optimizer("generator", new Adam(g, config.learningRate(), config.beta1(), config.beta2(), 0));
            discriminatorAdam = networks.optimizer("discriminator",
                    new Adam(discriminatorParams, config.learningRate(), config.beta1(), config.beta2(), 0));
        }

        private NDArray discriminate(NDArray images, NDArray oneHot) {
            NDArray input = oneHot == null ? images : images.concat(ImageBatches.labelMaps(oneHot, codec.shape), 1);
            return score.forward(discriminator.forward(input));
        }

        @Override
        public Map<String, Double> trainEpoch(int epoch) {
            return trainEpoch(epoch, BatchProgress.NONE);
        }

        @Override
        public Map<String, Double> trainEpoch(int epoch, BatchProgress batches) {
            SplittableRandom random = Seeds.random(seed, "batches-" + epoch);
            int batch = Math.min(config.batchSize(), data.rows);
            int[] order = data.permutation(random);
            int steps = Math.max(1, data.rows / batch);
            boolean hinge = config.loss() == GanLoss.HINGE;
            int latent = config.latentDim();
            double gSum = 0;
            double dSum = 0;
            double realSum = 0;
            double fakeSum = 0;
            Engine engine = DjlEngine.engine();
            for (int step = 0; step < steps; step++) {
                if (step > 0) {
                    batches.batchDone(step, steps); // also where Ctrl-C stops training within an epoch
                }
                try (NDManager m = root.newSubManager()) {
                    NDArray real = data.batch(m, order, step * batch, batch);
                    int[] labels = data.batchLabels(order, step * batch, batch);
                    NDArray oneHot = labels == null ? null : ImageBatches.oneHot(m, labels, 0, batch, codec.classes());
                    NDArray fake = Activation.tanh(generator.forward(noise(m, random, batch, latent, codec, labels, 0), true)).stopGradient();
                    discriminatorParams.zeroGradients();
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray dReal = discriminate(real, oneHot);
                        NDArray dFake = discriminate(fake, oneHot);
                        NDArray loss = hinge
                                ? Activation.relu(Scalars.add(dReal.neg(), 1)).mean().add(Activation.relu(Scalars.add(dFake, 1)).mean())
                                : Activation.softPlus(dReal.neg()).mean().add(Activation.softPlus(dFake).mean());
                        collector.backward(loss);
                        dSum += loss.getFloat();
                        realSum += Activation.sigmoid(dReal).mean().getFloat();
                        fakeSum += Activation.sigmoid(dFake).mean().getFloat();
                    }
                    discriminatorAdam.step();
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray generated = Activation.tanh(generator.forward(noise(m, random, batch, latent, codec, labels, 0), true));
                        NDArray s = discriminate(generated, oneHot);
                        NDArray loss = hinge ? s.mean().neg() : Activation.softPlus(s.neg()).mean();
                        collector.backward(loss);
                        gSum += loss.getFloat();
                    }
                    generatorAdam.step();
                }
            }
            if (config.gridEvery() > 0 && (epoch % config.gridEvery() == 0 || epoch == config.epochs())) {
                writeGrid(epoch);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss.generator", gSum / steps);
            metrics.put("loss.discriminator", dSum / steps);
            metrics.put("discriminator.real", realSum / steps);
            metrics.put("discriminator.fake", fakeSum / steps);
            return metrics;
        }

        /** Samples from fixed noise with the current generator, as {@code epochs/epoch-NNNN.png}. */
        private void writeGrid(int epoch) {
            int[] labels = null;
            if (codec.conditional()) {
                labels = new int[GRID_IMAGES];
                Arrays.setAll(labels, i -> i % codec.classes());
            }
            float[] images;
            try (NDManager m = root.newSubManager()) {
                NDArray z = noise(m, Seeds.random(seed, "grid"), GRID_IMAGES, config.latentDim(), codec, labels, 0);
                images = Activation.tanh(generator.forward(z, false)).toFloatArray();
            }
            Table table = codec.decode(images, GRID_IMAGES, labels);
            int columns = codec.conditional() ? Math.min(codec.classes(), 10) : 10;
            byte[] png = ImageGrids.png(Arrays.asList(ImagePixels.images(table)), codec.shape, codec.min, codec.max, columns);
            try {
                context.artifacts().write(String.format(Locale.ROOT, "epochs/epoch-%04d.png", epoch), png);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the sample grid of epoch " + epoch, e);
            }
        }

        @Override
        public Weights checkpointState() {
            return networks.checkpoint();
        }

        @Override
        public void restore(Weights state) {
            networks.restore(state);
        }

        @Override
        public String fingerprint() {
            return NAME + " " + codec.describe() + " rows " + data.rows + " " + architecture() + " disc " + config.discriminatorChannels()
                    + " loss " + config.loss();
        }
    }

    static final class FittedDcgan extends FittedImageModel {
        FittedDcgan(ImageCodec codec, Weights weights, Map<String, String> architecture, DeviceChoice device) {
            super(NAME, codec, weights, architecture, device);
        }

        @Override
        float[] generate(NDManager manager, int n, int[] labels, long seed) {
            int latent = integer("latent-dim");
            ParameterSet params = new ParameterSet(manager);
            ConvNets.Decoder generator = generator(params, codec, latent, integer("generator-channels"),
                    Boolean.parseBoolean(architecture.get("batch-norm")), new SplittableRandom(0));
            params.assign(weights.part("generator."));
            SplittableRandom noise = Seeds.random(seed, "noise");
            float[] out = new float[n * codec.pixels()];
            for (int from = 0; from < n; from += CHUNK) {
                int rows = Math.min(CHUNK, n - from);
                try (NDManager m = manager.newSubManager()) {
                    NDArray images = Activation.tanh(generator.forward(noise(m, noise, rows, latent, codec, labels, from), false));
                    System.arraycopy(images.toFloatArray(), 0, out, from * codec.pixels(), rows * codec.pixels());
                }
            }
            return out;
        }
    }
}
