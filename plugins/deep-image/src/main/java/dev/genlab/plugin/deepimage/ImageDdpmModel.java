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
import dev.genlab.plugin.djl.nn.Conv2d;
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.plugin.djl.nn.GroupNorm;
import dev.genlab.plugin.djl.nn.Networks;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.train.BatchProgress;
import dev.genlab.plugin.djl.train.EpochTrainer;
import dev.genlab.plugin.djl.train.TrainingLoop;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * DDPM (Ho et al. 2020) for images. Training noises an image to a random step t of the schedule and a small
 * convolutional denoiser learns to predict the noise (mean squared error). The denoiser keeps the full resolution
 * (small images need no U-Net): a 3x3 convolution in, {@code blocks} residual blocks (group norm, SiLU, 3x3
 * convolution, plus a projection of the step embedding — sinusoidal, then a 2-layer MLP — and, when conditional, a
 * learned class embedding; twice), and a 3x3 convolution out. Sampling runs the reverse chain from pure noise with
 * the posterior mean computed from the predicted clean image clipped to [-1, 1] (as Ho et al.'s code) and the
 * posterior variance. An exponential moving average of the weights ({@code ema}) is what samples.
 */
public final class ImageDdpmModel extends DeepImageModel {
    static final String NAME = ImageDdpmModelPlugin.NAME;
    private final ImageDdpmConfig config;

    @Inject
    public ImageDdpmModel(ImageDdpmConfig config) {
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
                trainer, m -> String.format(Locale.ROOT, "loss %.4f", m.get("loss.denoising")));
        return new Weights(Map.of()).with("denoiser.", trainer.samplingSet().snapshot());
    }

    @Override
    Map<String, String> architecture() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("steps", Integer.toString(config.steps()));
        a.put("schedule", config.schedule().name());
        a.put("channels", Integer.toString(config.channels()));
        a.put("blocks", Integer.toString(config.blocks()));
        a.put("time-embedding-dim", Integer.toString(config.timeEmbeddingDim()));
        return a;
    }

    @Override
    FittedImageModel fitted(ImageCodec codec, Weights weights, Map<String, String> architecture) {
        return new FittedDdpm(codec, weights, architecture, config.device());
    }

    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** The noise predictor. */
    static final class Denoiser {
        final int embeddingDim;
        final int classes;
        final Dense time1;
        final Dense time2;
        final Dense classEmbedding;
        final Conv2d input;
        final List<Block> blocks = new ArrayList<>();
        final GroupNorm outputNorm;
        final Conv2d output;

        Denoiser(ParameterSet params, ImageCodec codec, int channels, int blockCount, int embeddingDim, SplittableRandom init) {
            this.embeddingDim = embeddingDim;
            this.classes = codec.classes();
            time1 = new Dense(params, "denoiser.time1", embeddingDim, embeddingDim, init);
            time2 = new Dense(params, "denoiser.time2", embeddingDim, embeddingDim, init);
            classEmbedding = classes > 0 ? new Dense(params, "denoiser.class", classes, embeddingDim, init) : null;
            input = new Conv2d(params, "denoiser.input", codec.channels(), channels, 3, 1, 1, init);
            int groups = gcd(channels, 8);
            for (int b = 0; b < blockCount; b++) {
                blocks.add(new Block(params, "denoiser.block" + b, channels, groups, embeddingDim, init));
            }
            outputNorm = new GroupNorm(params, "denoiser.output-norm", groups, channels);
            output = new Conv2d(params, "denoiser.output", channels, codec.channels(), 3, 1, 1, init);
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }

        /**
         * Predicted noise for images {@code x} (n, c, h, w) at the steps whose sinusoidal embeddings are
         * {@code steps} (n or 1, dim), with one-hot labels (n, classes) or null.
         */
        NDArray forward(NDArray x, NDArray steps, NDArray oneHot) {
            return forwardEmbedded(x, steps, oneHot == null ? null : embedClasses(oneHot));
        }

        /** The class embeddings of one-hot labels (computed once per chunk when sampling). */
        NDArray embedClasses(NDArray oneHot) {
            return classEmbedding.forward(oneHot);
        }

        /** As {@link #forward}, with the labels already embedded (or null); results join {@code steps}' manager first. */
        NDArray forwardEmbedded(NDArray x, NDArray steps, NDArray classes) {
            NDArray e = time2.forward(silu(time1.forward(steps)));
            if (classes != null) {
                e = e.add(classes);
            }
            e = silu(e);
            NDArray h = input.forward(x);
            for (Block block : blocks) {
                h = block.forward(h, e);
            }
            return output.forward(silu(outputNorm.forward(h)));
        }

        /** Sinusoidal embedding of step {@code t} (Vaswani et al. 2017, as in Ho et al.): sines then cosines. */
        static void embed(int t, int dim, float[] out, int offset) {
            int half = dim / 2;
            for (int j = 0; j < half; j++) {
                double freq = Math.exp(-Math.log(10000) * j / Math.max(1, half - 1));
                out[offset + j] = (float) Math.sin(t * freq);
                out[offset + half + j] = (float) Math.cos(t * freq);
            }
        }
    }

    /** GroupNorm, SiLU, conv, + embedding projection, GroupNorm, SiLU, conv; added to the input. */
    static final class Block {
        final GroupNorm norm1;
        final Conv2d conv1;
        final Dense embedding;
        final GroupNorm norm2;
        final Conv2d conv2;
        final int channels;

        Block(ParameterSet params, String name, int channels, int groups, int embeddingDim, SplittableRandom init) {
            this.channels = channels;
            norm1 = new GroupNorm(params, name + ".norm1", groups, channels);
            conv1 = new Conv2d(params, name + ".conv1", channels, channels, 3, 1, 1, init);
            embedding = new Dense(params, name + ".embedding", embeddingDim, channels, init);
            norm2 = new GroupNorm(params, name + ".norm2", groups, channels);
            conv2 = new Conv2d(params, name + ".conv2", channels, channels, 3, 1, 1, init);
        }

        NDArray forward(NDArray x, NDArray e) {
            NDArray h = conv1.forward(silu(norm1.forward(x)));
            NDArray projected = embedding.forward(e);
            h = h.add(projected.reshape(projected.getShape().get(0), channels, 1, 1));
            h = conv2.forward(silu(norm2.forward(h)));
            return x.add(h);
        }
    }

    private final class Trainer implements EpochTrainer {
        final Networks networks = new Networks();
        final NDManager root;
        final ImageCodec codec;
        final ImageBatches data;
        final ParameterSet params;
        final ParameterSet average;
        final Denoiser denoiser;
        final Adam adam;
        final double[] alphaBars;
        final float[] embeddings;
        final long seed;

        Trainer(NDManager root, ImageCodec codec, ImageBatches data, long seed) {
            this.root = root;
            this.codec = codec;
            this.data = data;
            this.seed = seed;
            params = networks.network("denoiser", new ParameterSet(root));
            denoiser = new Denoiser(params, codec, config.channels(), config.blocks(), config.timeEmbeddingDim(), Seeds.random(seed, "init"));
            adam = networks.optimizer("denoiser", new Adam(params, config.learningRate(), 0.9, 0.999, 0));
            if (config.ema() > 0) {
                // same names and initial values as the denoiser: the average starts at the initial weights
                average = networks.network("ema", new ParameterSet(root));
                new Denoiser(average, codec, config.channels(), config.blocks(), config.timeEmbeddingDim(), Seeds.random(seed, "init"));
            } else {
                average = null;
            }
            alphaBars = DiffusionSchedule.alphaBars(config.schedule().betas(config.steps()));
            int dim = config.timeEmbeddingDim();
            embeddings = new float[config.steps() * dim];
            for (int t = 0; t < config.steps(); t++) {
                Denoiser.embed(t, dim, embeddings, t * dim);
            }
        }

        ParameterSet samplingSet() {
            return average != null ? average : params;
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
            int dim = config.timeEmbeddingDim();
            int pixels = codec.pixels();
            double sum = 0;
            Engine engine = DjlEngine.engine();
            for (int step = 0; step < steps; step++) {
                if (step > 0) {
                    batches.batchDone(step, steps); // also where Ctrl-C stops training within an epoch
                }
                try (NDManager m = root.newSubManager()) {
                    NDArray x0 = data.batch(m, order, step * batch, batch);
                    int[] labels = data.batchLabels(order, step * batch, batch);
                    NDArray oneHot = labels == null ? null : ImageBatches.oneHot(m, labels, 0, batch, codec.classes());
                    float[] emb = new float[batch * dim];
                    float[] signal = new float[batch];
                    float[] noiseScale = new float[batch];
                    for (int b = 0; b < batch; b++) {
                        int t = random.nextInt(config.steps());
                        System.arraycopy(embeddings, t * dim, emb, b * dim, dim);
                        signal[b] = (float) Math.sqrt(alphaBars[t]);
                        noiseScale[b] = (float) Math.sqrt(1 - alphaBars[t]);
                    }
                    NDArray eps = m.create(Gaussians.fill(random, batch * pixels), x0.getShape());
                    Shape perImage = new Shape(batch, 1, 1, 1);
                    NDArray xt = x0.mul(m.create(signal, perImage)).add(eps.mul(m.create(noiseScale, perImage)));
                    NDArray embedding = m.create(emb, new Shape(batch, dim));
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray loss = denoiser.forward(xt, embedding, oneHot).sub(eps).square().mean();
                        collector.backward(loss);
                        sum += loss.getFloat();
                    }
                    adam.step();
                    if (average != null) {
                        updateAverage(m);
                    }
                }
            }
            return Map.of("loss.denoising", sum / steps);
        }

        /** average ← average − (1 − d)(average − weights), with d warming up as (1 + n) / (10 + n) after n updates. */
        private void updateAverage(NDManager m) {
            long n = adam.steps();
            float keep = (float) Math.min(config.ema(), (1.0 + n) / (10.0 + n));
            List<NDArray> weights = params.trainable();
            List<NDArray> averaged = average.trainable();
            for (int i = 0; i < weights.size(); i++) {
                NDArray difference = ParameterSet.local(averaged.get(i), m).stopGradient();
                Scalars.muli(difference.subi(weights.get(i)), 1 - keep);
                averaged.get(i).subi(difference);
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
            return NAME + " " + codec.describe() + " rows " + data.rows + " " + architecture() + " ema " + (config.ema() > 0);
        }
    }

    static final class FittedDdpm extends FittedImageModel {
        FittedDdpm(ImageCodec codec, Weights weights, Map<String, String> architecture, DeviceChoice device) {
            super(NAME, codec, weights, architecture, device);
        }

        @Override
        float[] generate(NDManager manager, int n, int[] labels, long seed) {
            int steps = integer("steps");
            int dim = integer("time-embedding-dim");
            double[] betas = DiffusionSchedule.valueOf(architecture.get("schedule")).betas(steps);
            double[] alphaBars = DiffusionSchedule.alphaBars(betas);
            ParameterSet params = new ParameterSet(manager);
            Denoiser denoiser = new Denoiser(params, codec, integer("channels"), integer("blocks"), dim, new SplittableRandom(0));
            params.assign(weights.part("denoiser."));
            int pixels = codec.pixels();
            Shape imageShape = new Shape(-1, codec.channels(), codec.shape.height(), codec.shape.width());
            float[] out = new float[n * pixels];
            float[] emb = new float[dim];
            SplittableRandom noise = Seeds.random(seed, "noise");
            for (int from = 0; from < n; from += CHUNK) {
                int rows = Math.min(CHUNK, n - from);
                Shape shape = new Shape(rows, imageShape.get(1), imageShape.get(2), imageShape.get(3));
                try (NDManager m = manager.newSubManager()) {
                    NDArray classes = labels == null ? null : denoiser.embedClasses(ImageBatches.oneHot(m, labels, from, rows, codec.classes()));
                    NDArray x = m.create(Gaussians.fill(noise, rows * pixels), shape);
                    for (int t = steps - 1; t >= 0; t--) {
                        try (NDManager s = m.newSubManager()) {
                            // results join their first operand's manager: moving x here frees each step's activations
                            x.attach(s);
                            Denoiser.embed(t, dim, emb, 0);
                            NDArray eps = denoiser.forwardEmbedded(x, s.create(emb, new Shape(1, dim)), classes);
                            double alphaBar = alphaBars[t];
                            double previous = t == 0 ? 1 : alphaBars[t - 1];
                            double beta = betas[t];
                            NDArray x0 = Scalars.div(x.sub(Scalars.mul(eps, Math.sqrt(1 - alphaBar))), Math.sqrt(alphaBar)).clip(-1f, 1f);
                            double c0 = beta * Math.sqrt(previous) / (1 - alphaBar);
                            double ct = (1 - previous) * Math.sqrt(1 - beta) / (1 - alphaBar);
                            NDArray mean = Scalars.mul(x0, c0).add(Scalars.mul(x, ct));
                            if (t > 0) {
                                double variance = beta * (1 - previous) / (1 - alphaBar);
                                mean = mean.add(Scalars.mul(s.create(Gaussians.fill(noise, rows * pixels), shape), Math.sqrt(variance)));
                            }
                            mean.attach(m);
                            x = mean;
                        }
                    }
                    System.arraycopy(x.toFloatArray(), 0, out, from * pixels, rows * pixels);
                }
            }
            return out;
        }
    }
}
