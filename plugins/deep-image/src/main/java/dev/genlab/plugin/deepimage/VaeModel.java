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
import dev.genlab.spi.Seeds;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A convolutional VAE for images (Kingma and Welling 2014): the {@link ConvNets.Encoder} to a Gaussian latent
 * (reparameterised), the {@link ConvNets.Decoder} back to pixels, loss = reconstruction negative log-likelihood +
 * {@code kl-weight} × KL(q(z|x) ‖ N(0, I)), per image. Conditional (Sohn et al. 2015) when the data has a class
 * label: one-hot label maps are appended to the encoder's input channels and the one-hot label to the latent.
 * Sampling decodes standard normal latents and returns the decoder's mean image.
 *
 * <p>Why convolutional even for 8x8 digits: the same blocks serve larger images, and at 8x8 they cost about as much
 * as an MLP of similar quality (a few milliseconds per batch on one core).
 */
public final class VaeModel extends DeepImageModel {
    static final String NAME = VaeModelPlugin.NAME;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private final VaeConfig config;

    @Inject
    public VaeModel(VaeConfig config) {
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
        Trainer trainer = new Trainer(root, codec, data, context.seed());
        TrainingLoop.run(context, new TrainingLoop.Settings(NAME, config.epochs(), config.checkpointEvery(), config.resume()),
                trainer, m -> String.format(Locale.ROOT, "loss %.2f kl %.2f", m.get("loss.total"), m.get("loss.kl")));
        return trainer.networks.weights("decoder");
    }

    @Override
    Map<String, String> architecture() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("latent-dim", Integer.toString(config.latentDim()));
        a.put("channels", Integer.toString(config.channels()));
        a.put("reconstruction", config.reconstruction().name());
        return a;
    }

    @Override
    FittedImageModel fitted(ImageCodec codec, Weights weights, Map<String, String> architecture) {
        return new FittedVae(codec, weights, architecture, config.device());
    }

    /** The decoder and, for the Gaussian likelihood, its log standard deviation. */
    static final class Decoder {
        final ConvNets.Decoder net;
        final NDArray logSigma;

        Decoder(ParameterSet params, int latent, ImageCodec codec, int channels, VaeReconstruction reconstruction, SplittableRandom init) {
            net = new ConvNets.Decoder(params, "decoder", latent + codec.classes(), codec.shape, channels, false, init);
            logSigma = reconstruction == VaeReconstruction.GAUSSIAN
                    ? params.parameter("decoder.log-sigma", new long[] {1}, new float[] {(float) Math.log(0.3)})
                    : null;
        }

        /** Raw decoder output for latents {@code z} (with the one-hot label appended when conditional). */
        NDArray forward(NDArray z) {
            return net.forward(z, false);
        }
    }

    private final class Trainer implements EpochTrainer {
        final Networks networks = new Networks();
        final NDManager root;
        final ImageCodec codec;
        final ImageBatches data;
        final ConvNets.Encoder encoder;
        final Dense mu;
        final Dense logVar;
        final Decoder decoder;
        final Adam encoderAdam;
        final Adam decoderAdam;
        final long seed;

        Trainer(NDManager root, ImageCodec codec, ImageBatches data, long seed) {
            this.root = root;
            this.codec = codec;
            this.data = data;
            this.seed = seed;
            SplittableRandom init = Seeds.random(seed, "init");
            ParameterSet e = networks.network("encoder", new ParameterSet(root));
            encoder = new ConvNets.Encoder(e, "encoder", codec.channels() + codec.classes(), codec.shape, config.channels(), init);
            mu = new Dense(e, "encoder.mu", encoder.features, config.latentDim(), init);
            logVar = new Dense(e, "encoder.logvar", encoder.features, config.latentDim(), init);
            ParameterSet d = networks.network("decoder", new ParameterSet(root));
            decoder = new Decoder(d, config.latentDim(), codec, config.channels(), config.reconstruction(), init);
            encoderAdam = networks.optimizer("encoder", new Adam(e, config.learningRate(), 0.9, 0.999, 0));
            decoderAdam = networks.optimizer("decoder", new Adam(d, config.learningRate(), 0.9, 0.999, 0));
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
            int latent = config.latentDim();
            int pixels = codec.pixels();
            boolean bernoulli = config.reconstruction() == VaeReconstruction.BERNOULLI;
            double totalSum = 0;
            double recSum = 0;
            double klSum = 0;
            Engine engine = DjlEngine.engine();
            for (int step = 0; step < steps; step++) {
                if (step > 0) {
                    batches.batchDone(step, steps); // also where Ctrl-C stops training within an epoch
                }
                try (NDManager m = root.newSubManager()) {
                    NDArray x = data.batch(m, order, step * batch, batch);
                    NDArray eps = m.create(Gaussians.fill(random, batch * latent), new Shape(batch, latent));
                    NDArray oneHot = codec.conditional()
                            ? ImageBatches.oneHot(m, data.batchLabels(order, step * batch, batch), 0, batch, codec.classes()) : null;
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray input = oneHot == null ? x : x.concat(ImageBatches.labelMaps(oneHot, codec.shape), 1);
                        NDArray h = encoder.forward(input);
                        NDArray mean = mu.forward(h);
                        NDArray logvar = logVar.forward(h);
                        NDArray z = eps.mul(Scalars.mul(logvar, 0.5).exp()).add(mean);
                        NDArray out = decoder.forward(oneHot == null ? z : z.concat(oneHot, 1));
                        NDArray reconstruction;
                        if (bernoulli) {
                            NDArray target = Scalars.div(Scalars.add(x, 1), 2);
                            reconstruction = Scalars.div(Activation.softPlus(out).sub(out.mul(target)).sum(), batch);
                        } else {
                            NDArray logSigma = ParameterSet.local(decoder.logSigma, m);
                            reconstruction = Scalars.div(x.sub(out.tanh()).square().div(Scalars.mul(Scalars.mul(logSigma, 2).exp(), 2)).sum(), batch)
                                    .add(Scalars.mul(logSigma.sum(), pixels));
                        }
                        NDArray kl = Scalars.div(Scalars.mul(Scalars.add(logvar, 1).sub(mean.square()).sub(logvar.exp()).sum(), -0.5), batch);
                        NDArray loss = reconstruction.add(Scalars.mul(kl, config.klWeight()));
                        collector.backward(loss);
                        totalSum += loss.getFloat();
                        recSum += reconstruction.getFloat();
                        klSum += kl.getFloat();
                    }
                    encoderAdam.step();
                    decoderAdam.step();
                }
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            double rec = recSum / steps;
            double kl = klSum / steps;
            metrics.put("loss.total", totalSum / steps);
            metrics.put("loss.reconstruction", rec);
            metrics.put("loss.kl", kl);
            // the Gaussian likelihood's constant makes the ELBO a proper bound (per image, in nats)
            metrics.put("elbo", -(rec + kl + (bernoulli ? 0 : pixels * HALF_LOG_TWO_PI)));
            return metrics;
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
            return NAME + " " + codec.describe() + " rows " + data.rows + " " + architecture();
        }
    }

    static final class FittedVae extends FittedImageModel {
        FittedVae(ImageCodec codec, Weights weights, Map<String, String> architecture, DeviceChoice device) {
            super(NAME, codec, weights, architecture, device);
        }

        @Override
        float[] generate(NDManager manager, int n, int[] labels, long seed) {
            int latent = integer("latent-dim");
            VaeReconstruction reconstruction = VaeReconstruction.valueOf(architecture.get("reconstruction"));
            ParameterSet params = new ParameterSet(manager);
            Decoder decoder = new Decoder(params, latent, codec, integer("channels"), reconstruction, new SplittableRandom(0));
            params.assign(weights.part("decoder."));
            SplittableRandom noise = Seeds.random(seed, "latent");
            float[] out = new float[n * codec.pixels()];
            for (int from = 0; from < n; from += CHUNK) {
                int rows = Math.min(CHUNK, n - from);
                try (NDManager m = manager.newSubManager()) {
                    NDArray z = m.create(Gaussians.fill(noise, rows * latent), new Shape(rows, latent));
                    if (labels != null) {
                        z = z.concat(ImageBatches.oneHot(m, labels, from, rows, codec.classes()), 1);
                    }
                    NDArray raw = decoder.forward(z);
                    NDArray images = reconstruction == VaeReconstruction.BERNOULLI ? Scalars.sub(Scalars.mul(Activation.sigmoid(raw), 2), 1) : raw.tanh();
                    System.arraycopy(images.toFloatArray(), 0, out, from * codec.pixels(), rows * codec.pixels());
                }
            }
            return out;
        }
    }
}
