package dev.genlab.plugin.deeptabular;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.ConfigChecks;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.Adam;
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.Eager;
import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.plugin.djl.nn.NativeArrays;
import dev.genlab.plugin.djl.nn.Networks;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.plugin.djl.nn.Scalars;
import dev.genlab.plugin.djl.nn.SplitStep;
import dev.genlab.plugin.djl.nn.ThreadAutograd;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.tabular.NumericEncoding;
import dev.genlab.plugin.djl.tabular.Span;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import dev.genlab.plugin.djl.train.BatchProgress;
import dev.genlab.plugin.djl.train.EpochTrainer;
import dev.genlab.plugin.djl.train.TrainingLoop;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * TVAE (Xu et al. 2019), after the reference implementation: mode-specific normalisation, an MLP encoder to a
 * Gaussian latent (reparameterised), an MLP decoder with a learned output scale per bounded value, and the loss
 * {@code loss-factor * (Gaussian NLL of values + cross-entropy of one-hot blocks) + KL}, both per row. Sampling
 * decodes standard normal latents, adds the learned noise to values and takes the argmax of one-hot blocks.
 */
public class TvaeModel extends DeepTabularModel {
    static final String NAME = TvaeModelPlugin.NAME;
    private final String name;
    private final TvaeConfig config;

    @Inject
    public TvaeModel(TvaeConfig config) {
        this(NAME, config);
    }

    TvaeModel(String name, TvaeConfig config) {
        super(name);
        this.name = name;
        this.config = Objects.requireNonNull(config, "config is null");
    }

    /** How training uses the data: ordinary minibatches (tvae) or DP-SGD (dp-tvae). */
    PrivateTraining privateTraining(int rows) {
        return null;
    }

    /** What the trained model spent, logged once training is over; nothing for tvae. */
    void logPrivacy(PrivateTraining privacy, TrainingContext context) {
    }

    @Override
    TabularTransformer.Options encoding() {
        return new TabularTransformer.Options(NumericEncoding.MODE_SPECIFIC, config.maxModes(), 0.005, config.maxCategories());
    }

    @Override
    DeviceChoice device() {
        return config.device();
    }

    @Override
    Weights train(NDManager root, TabularTransformer transformer, EncodedTable data, TrainingContext context) {
        PrivateTraining privacy = privateTraining(data.rows);
        Trainer trainer = new Trainer(root, transformer, data, context.seed(), privacy);
        TrainingLoop.run(context, new TrainingLoop.Settings(name, config.epochs(), config.checkpointEvery(), config.resume()),
                trainer, m -> String.format(Locale.ROOT, "loss %.3f kl %.3f", m.get("loss.total"), m.get("loss.kl")));
        logPrivacy(privacy, context);
        return trainer.networks.weights("decoder");
    }

    @Override
    Map<String, String> architecture() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("embedding-dim", Integer.toString(config.embeddingDim()));
        a.put("decompress-dims", ConfigChecks.dimsText(config.decompressDims()));
        return a;
    }

    @Override
    void checkArchitecture(SavedModel saved) throws IOException {
        saved.integer("embedding-dim");
        saved.string("decompress-dims");
    }

    @Override
    FittedDeepModel fitted(TabularTransformer transformer, Weights weights, Map<String, String> architecture) {
        return new FittedTvae(name, transformer, weights, architecture, config.device());
    }

    /** The decoder and its learned output scales. */
    static final class Decoder {
        static final float INITIAL_SCALE = 0.1f;
        final ReluMlp mlp;
        final NDArray sigma;

        Decoder(ParameterSet params, int embedding, List<Integer> dims, int width, SplittableRandom init) {
            mlp = new ReluMlp(params, "decoder", embedding, dims, width, init);
            float[] s = new float[width];
            Arrays.fill(s, INITIAL_SCALE);
            sigma = params.parameter("decoder.sigma", new long[] {width}, s);
        }
    }

    /**
     * DP-SGD's settings for one fit: Poisson sampling at rate {@code samplingRate}, {@code steps} steps in all, and the
     * clipping and noise of each step.
     */
    record PrivateTraining(double samplingRate, long steps, DpSgd step) {
    }

    private final class Trainer implements EpochTrainer {
        final Networks networks = new Networks();
        final NDManager root;
        final EncodedTable data;
        final ReluMlp encoder;
        final Dense mu;
        final Dense logVar;
        final Decoder decoder;
        final Adam encoderAdam;
        final Adam decoderAdam;
        final List<Span> spans;
        final SoftmaxGroups oneHot;
        final NDArray valueMask;
        final float[] valueMaskHost;
        final long seed;
        final int width;
        final PrivateTraining privacy;
        final ParameterSet encoderParameters;
        final ParameterSet decoderParameters;
        /** The reconstruction loss and its gradient, on the host (non-private training). */
        final TvaeReconstruction reconstruction;
        /** With two threads or more: the second half-batch's loss scratch and the two halves' threads. */
        private TvaeReconstruction secondHalf;
        private SplitStep halves;
        /** The next step's latent noise, drawn by a split step's helper thread (read after the step's join). */
        private NoiseAhead drawnAhead;

        Trainer(NDManager root, TabularTransformer transformer, EncodedTable data, long seed, PrivateTraining privacy) {
            this.root = root;
            this.privacy = privacy;
            this.data = data;
            this.seed = seed;
            this.width = transformer.width();
            this.spans = transformer.spans();
            this.oneHot = new SoftmaxGroups(spans.stream().filter(s -> s.activation() == Span.Activation.SOFTMAX).toList(), false, root);
            SplittableRandom init = Seeds.random(seed, "init");
            ParameterSet e = networks.network("encoder", new ParameterSet(root));
            List<Integer> compress = config.compressDims();
            encoder = new ReluMlp(e, "encoder", width, compress.subList(0, compress.size() - 1), compress.get(compress.size() - 1), init);
            mu = new Dense(e, "encoder.mu", compress.get(compress.size() - 1), config.embeddingDim(), init);
            logVar = new Dense(e, "encoder.logvar", compress.get(compress.size() - 1), config.embeddingDim(), init);
            ParameterSet d = networks.network("decoder", new ParameterSet(root));
            encoderParameters = e;
            decoderParameters = d;
            decoder = new Decoder(d, config.embeddingDim(), config.decompressDims(), width, init);
            encoderAdam = networks.optimizer("encoder", new Adam(e, config.learningRate(), 0.9, 0.999, config.weightDecay()));
            decoderAdam = networks.optimizer("decoder", new Adam(d, config.learningRate(), 0.9, 0.999, config.weightDecay()));
            valueMaskHost = new float[width];
            for (Span s : spans) {
                if (s.activation() != Span.Activation.SOFTMAX) {
                    valueMaskHost[s.start()] = 1;
                }
            }
            valueMask = root.create(valueMaskHost, new Shape(1, width));
            reconstruction = new TvaeReconstruction(spans, data.data, data.rows, width);
        }

        @Override
        public Map<String, Double> trainEpoch(int epoch) {
            return trainEpoch(epoch, BatchProgress.NONE);
        }

        @Override
        public Map<String, Double> trainEpoch(int epoch, BatchProgress batches) {
            if (privacy != null) {
                return trainPrivateEpoch(epoch, batches);
            }
            SplittableRandom random = Seeds.random(seed, "batches-" + epoch);
            int batch = Math.min(config.batchSize(), data.rows);
            int[] order = data.permutation(random);
            int steps = stepsPerEpoch(data.rows, config.batchSize());
            int threads = DjlEngine.threadsInForce();
            boolean split = threads >= 2 && batch >= 2 && !root.getDevice().isGpu();
            double totalSum = 0;
            double recSum = 0;
            double klSum = 0;
            Engine engine = DjlEngine.engine();
            Shape noiseShape = new Shape(batch, config.embeddingDim());
            try {
                for (int step = 0; step < steps; step++) {
                    if (step > 0) {
                        batches.batchDone(step, steps); // also where Ctrl-C stops training within an epoch
                    }
                    int from = step * batch;
                    double[] losses;
                    // the reparameterisation's noise from the engine's generator, which TrainingLoop seeds at every
                    // epoch: vectorised in libtorch, where the host-side draws were 6 % of a step (perf, issue 19);
                    // drawn for the whole batch, so that a split step uses the same noise. A split step's helper thread
                    // has drawn the next step's already (splitStep); the generator gives the same numbers in the same
                    // order either way
                    NoiseAhead ahead = drawnAhead;
                    drawnAhead = null;
                    try (NDManager m = ahead != null ? ahead.manager() : root.newSubManager()) {
                        NDArray eps = ahead != null ? ahead.eps() : m.randomNormal(noiseShape);
                        if (split) {
                            losses = splitStep(m, eps, order, from, batch, threads, step + 1 < steps ? noiseShape : null);
                        } else {
                            try (GradientCollector collector = engine.newGradientCollector()) {
                                losses = forwardBackward(m, eps, order, from, batch, batch, reconstruction, collector::backward);
                            }
                        }
                    }
                    encoderAdam.step();
                    decoderAdam.step();
                    clampSigma();
                    totalSum += losses[0] + losses[1];
                    recSum += losses[0];
                    klSum += losses[1];
                }
            } finally {
                if (drawnAhead != null) { // the epoch stopped early (cancelled, or a step failed)
                    drawnAhead.manager().close();
                    drawnAhead = null;
                }
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss.total", totalSum / steps);
            metrics.put("loss.reconstruction", recSum / steps);
            metrics.put("loss.kl", klSum / steps);
            return metrics;
        }

        /**
         * One step's forward and backward passes, split in two halves of the batch that run at once on two threads,
         * each with libtorch on half the threads (one each on two cores). The halves add their gradients into the
         * parameters (see {@code ThreadAutograd}: two additions onto zero, so the order they land in does not matter)
         * and their losses, each scaled by the whole batch's size, add to the whole batch's. Why: a tvae step at batch
         * 500 is about a hundred small operations and host work; OpenMP's team split each operation in lock-step and
         * gained 1.2x from a second core, and lost to it while the JIT compiled (plugin README, "Training steps on
         * two threads"). The same seed and thread count give the same bits; one thread and two differ by rounding.
         *
         * <p>With {@code nextNoise} given, the helper thread then draws the next step's latent noise of that shape
         * into {@link #drawnAhead}, while this thread finishes its half and both networks' Adam steps: the draw (about
         * 0.4 ms, a twentieth of a step) leaves the step's serial part. No other draw from the engine's generator
         * happens meanwhile (the halves draw nothing), so the numbers and their order are those of drawing each step's
         * noise at its start.
         */
        private double[] splitStep(NDManager m, NDArray eps, int[] order, int from, int batch, int threads, Shape nextNoise) {
            int half = batch / 2;
            if (halves == null) {
                secondHalf = reconstruction.withOwnScratch();
                halves = new SplitStep("genlab-tvae-step");
            }
            // slices built, not parsed: NDIndex's text form goes through regular expressions every step
            NDArray firstEps = eps.get(new NDIndex().addSliceDim(0, half));
            NDArray secondEps = eps.get(new NDIndex().addSliceDim(half, batch));
            SplitStep.Both<double[]> both = halves.run(threads, () -> {
                try (NDManager part = m.newSubManager()) {
                    return forwardBackward(part, firstEps, order, from, half, batch, reconstruction, ThreadAutograd::backward);
                }
            }, () -> {
                double[] losses;
                try (NDManager part = m.newSubManager()) {
                    losses = forwardBackward(part, secondEps, order, from + half, batch - half, batch, secondHalf, ThreadAutograd::backward);
                }
                if (nextNoise != null) {
                    NDManager next = root.newSubManager();
                    try {
                        drawnAhead = new NoiseAhead(next, next.randomNormal(nextNoise));
                    } catch (RuntimeException | Error e) {
                        next.close(); // nothing holds it yet: trainEpoch only closes a drawn step's manager
                        throw e;
                    }
                }
                return losses;
            });
            return new double[] {both.first()[0] + both.second()[0], both.first()[1] + both.second()[1]};
        }

        /**
         * The forward pass of rows {@code order[from .. from + rows)} (wrapping) with their latent noise {@code eps},
         * the loss, and the backward pass from it; losses and gradients are scaled by the whole batch's size
         * {@code batch}. Returns {scaled reconstruction loss, KL term}.
         */
        private double[] forwardBackward(NDManager m, NDArray eps, int[] order, int from, int rows, int batch, TvaeReconstruction loss,
                java.util.function.Consumer<NDArray> backward) {
            NDArray x = data.batch(m, order, from, rows);
            // the encoder's last hidden layer is its ReLU MLP's output layer
            // every temporary is closed once consumed (Eager): autograd keeps what it saved
            NDArray encoded = encoder.forward(x);
            NDArray h = Eager.done(Activation.relu(encoded), encoded);
            NDArray mean = mu.forward(h);
            NDArray logvar = Eager.done(logVar.forward(h), h);
            NDArray halfLogvar = Scalars.mul(logvar, 0.5);
            NDArray std = Eager.done(halfLogvar.exp(), halfLogvar);
            NDArray noise = Eager.done(eps.mul(std), std, eps);
            NDArray z = Eager.done(noise.add(mean), noise);
            NDArray rec = Eager.done(decoder.mlp.forward(z), z);
            // the reconstruction loss and its gradient with respect to rec and σ, on the host
            // (TvaeReconstruction); the backward pass starts from them through sum(rec · gradient)
            double scale = config.lossFactor() / (double) batch;
            float[] sigma = decoder.sigma.toFloatArray();
            float[] sigmaGradient = new float[width];
            double[] recLoss = new double[1];
            NDArray output = rec.stopGradient();
            NDArray gradient = loss.gradient(m, output, order, from, rows, sigma, scale, sigmaGradient, recLoss);
            output.close();
            NDArray weighted = Eager.done(gradient.mul(rec), gradient, rec);
            NDArray recPart = Eager.done(weighted.sum(), weighted);
            // in libtorch's memory: mul saves it for the backward pass, after it is closed (NativeArrays.copyOf)
            NDArray sigmaGradients = NativeArrays.copyOf(m, sigmaGradient, new Shape(width));
            NDArray sigmaWeighted = Eager.done(sigmaGradients.mul(decoder.sigma), sigmaGradients);
            NDArray sigmaPart = Eager.done(sigmaWeighted.sum(), sigmaWeighted);
            NDArray plusOne = Scalars.add(logvar, 1);
            NDArray meanSquared = mean.square();
            NDArray d1 = Eager.done(plusOne.sub(meanSquared), plusOne, meanSquared, mean);
            NDArray variance = logvar.exp();
            NDArray d2 = Eager.done(d1.sub(variance), d1, variance, logvar);
            NDArray klTotal = Eager.done(d2.sum(), d2);
            NDArray kl = Eager.done(Scalars.mul(klTotal, -0.5 / batch), klTotal);
            NDArray parts = Eager.done(recPart.add(sigmaPart), recPart, sigmaPart);
            NDArray objective = Eager.done(parts.add(kl), parts);
            backward.accept(objective);
            objective.close();
            return new double[] {scale * recLoss[0], kl.getFloat()};
        }

        /**
         * An epoch of DP-SGD: as many steps as an ordinary epoch, each on a Poisson sample (every row drawn
         * independently with the sampling rate), the loss summed over rows so that each row's gradient is its own,
         * and the gradients replaced by the private ones before both Adam steps.
         */
        private Map<String, Double> trainPrivateEpoch(int epoch, BatchProgress batches) {
            SplittableRandom random = Seeds.random(seed, "batches-" + epoch);
            SplittableRandom noise = Seeds.random(seed, "dp-noise-" + epoch);
            int steps = stepsPerEpoch(data.rows, config.batchSize());
            List<NDArray> parameters = new ArrayList<>(encoderParameters.trainable());
            parameters.addAll(decoderParameters.trainable());
            double totalSum = 0;
            double recSum = 0;
            double klSum = 0;
            long rowsSeen = 0;
            Engine engine = DjlEngine.engine();
            for (int step = 0; step < steps; step++) {
                if (step > 0) {
                    batches.batchDone(step, steps);
                }
                int[] sample = poissonSample(random, data.rows, privacy.samplingRate());
                int batch = sample.length;
                try (NDManager m = root.newSubManager()) {
                    NDArray x = data.rows(m, sample);
                    // in libtorch's memory: the step's mul saves it and closes it before the backward pass (NativeArrays.copyOf's rule)
                    int n = batch * config.embeddingDim();
                    NDArray eps = NativeArrays.floats(m, new Shape(batch, config.embeddingDim()), out -> Gaussians.fill(random, out, n));
                    PerExampleGradients record = new PerExampleGradients(m);
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        Losses l = privateLosses(record, x, eps);
                        collector.backward(l.reconstruction.add(l.kl));
                        totalSum += l.reconstruction.getFloat() + l.kl.getFloat();
                        recSum += l.reconstruction.getFloat();
                        klSum += l.kl.getFloat();
                        rowsSeen += batch;
                    }
                    privacy.step().apply(parameters, record, m, noise);
                    encoderAdam.step();
                    decoderAdam.step();
                    fixSigma();
                }
            }
            // per row, as tvae's losses are per batch-averaged row
            double rows = Math.max(1, rowsSeen);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss.total", totalSum / rows);
            metrics.put("loss.reconstruction", recSum / rows);
            metrics.put("loss.kl", klSum / rows);
            return metrics;
        }

        /** The two loss terms summed over the batch's rows, every layer recorded in {@code record}. */
        Losses privateLosses(PerExampleGradients record, NDArray x, NDArray eps) {
            long batch = x.getShape().get(0);
            NDArray h = Activation.relu(encoder.forward(x, record));
            NDArray mean = record.linear(mu, h);
            NDArray logvar = record.linear(logVar, h);
            NDArray z = eps.mul(Scalars.mul(logvar, 0.5).exp()).add(mean);
            NDArray rec = decoder.mlp.forward(z, record);
            // The output scales stay at their initial value (see the class comment of DpTvaeModel): in the graph times
            // 0, so that every parameter is recorded and their per-example gradients are exactly 0.
            NDArray sigma = Scalars.add(Scalars.mul(record.perRow(decoder.sigma, batch), 0), Decoder.INITIAL_SCALE);
            NDArray values = x.sub(rec.tanh()).square().div(Scalars.mul(sigma.square(), 2)).add(sigma.log()).mul(valueMask).sum();
            NDArray reconstruction = oneHot.isEmpty() ? values : values.add(oneHot.crossEntropy(rec, x));
            reconstruction = Scalars.mul(reconstruction, config.lossFactor());
            NDArray kl = Scalars.mul(Scalars.add(logvar, 1).sub(mean.square()).sub(logvar.exp()).sum(), -0.5);
            return new Losses(reconstruction, kl);
        }

        /** DP-SGD leaves the output scales where they started (weight decay and noise moved them). */
        private void fixSigma() {
            float[] s = new float[width];
            Arrays.fill(s, Decoder.INITIAL_SCALE);
            decoder.sigma.set(FloatBuffer.wrap(s));
        }

        /** As the reference: the output scales stay within [0.01, 1]. */
        private void clampSigma() {
            float[] s = decoder.sigma.toFloatArray();
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.min(1f, Math.max(0.01f, s[i]));
            }
            decoder.sigma.set(FloatBuffer.wrap(s));
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
            return name + " width " + width + " rows " + data.rows + " " + architecture() + " compress " + config.compressDims();
        }
    }

    record Losses(NDArray reconstruction, NDArray kl) {
    }

    /** A step's latent noise drawn ahead, in a manager of its own that the step closes. */
    record NoiseAhead(NDManager manager, NDArray eps) {
    }

    /** Steps of an epoch: as many batches of {@code batchSize} as the rows hold, at least one. */
    static int stepsPerEpoch(int rows, int batchSize) {
        return Math.max(1, rows / Math.min(batchSize, rows));
    }

    /** Poisson sampling: each of {@code rows} rows independently with probability {@code q}, in row order. */
    static int[] poissonSample(SplittableRandom random, int rows, double q) {
        int[] picked = new int[rows];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (random.nextDouble() < q) {
                picked[n++] = i;
            }
        }
        return Arrays.copyOf(picked, n);
    }

    static final class FittedTvae extends FittedDeepModel {
        FittedTvae(String name, TabularTransformer transformer, Weights weights, Map<String, String> architecture, DeviceChoice device) {
            super(name, transformer, weights, architecture, device);
        }

        @Override
        Sampler sampler(NDManager manager, long seed) {
            int embedding = Integer.parseInt(architecture.get("embedding-dim"));
            List<Integer> dims = ConfigChecks.parseDims(architecture.get("decompress-dims"));
            int width = transformer.width();
            ParameterSet params = new ParameterSet(manager);
            Decoder decoder = new Decoder(params, embedding, dims, width, new SplittableRandom(0));
            params.assign(weights.part("decoder."));
            params.requireGradients(false);
            float[] sigma = decoder.sigma.toFloatArray();
            OutputLayer output = new OutputLayer(transformer.spans());
            return (m, k, rows, out) -> {
                // the chunk's own seeds: chunks are generated on several threads at once
                SplittableRandom random = Seeds.random(seed, "tvae-sample-" + k);
                NDArray z = DjlEngine.normals(m, Seeds.derive(seed, "tvae-latent-" + k), new Shape(rows, embedding));
                copyOut(Eager.done(decoder.mlp.forward(z), z), out, 0);
                output.activateValues(out, rows, width, sigma, random);
            };
        }
    }
}
