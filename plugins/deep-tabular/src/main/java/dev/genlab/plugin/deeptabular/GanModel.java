package dev.genlab.plugin.deeptabular;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.ConfigChecks;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.Adam;
import dev.genlab.plugin.djl.nn.Critic;
import dev.genlab.plugin.djl.nn.Eager;
import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.plugin.djl.nn.NativeArrays;
import dev.genlab.plugin.djl.nn.Networks;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.plugin.djl.nn.WeightAverage;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import dev.genlab.plugin.djl.train.BatchProgress;
import dev.genlab.plugin.djl.train.EpochTrainer;
import dev.genlab.plugin.djl.train.TrainingLoop;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A plain GAN for tables: an MLP generator (ReLU) and an MLP discriminator (LeakyReLU 0.2), trained with the
 * standard non-saturating loss or WGAN-GP. Rows are encoded by the shared {@link TabularTransformer}; one-hot
 * blocks get a softmax in training and a draw from it when sampling. An epoch is {@code rows / batch-size}
 * generator updates, each after {@code discriminator-steps} discriminator updates.
 */
public final class GanModel extends DeepTabularModel {
    static final String NAME = GanModelPlugin.NAME;
    private final GanConfig config;

    @Inject
    public GanModel(GanConfig config) {
        super(NAME);
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    TabularTransformer.Options encoding() {
        return new TabularTransformer.Options(config.numericEncoding(), 10, 0.005, config.maxCategories());
    }

    @Override
    DeviceChoice device() {
        return config.device();
    }

    @Override
    Weights train(NDManager root, TabularTransformer transformer, EncodedTable data, TrainingContext context) {
        Trainer trainer = new Trainer(root, transformer, data, context.seed());
        TrainingLoop.run(context, new TrainingLoop.Settings(NAME, config.epochs(), config.checkpointEvery(), config.resume()),
                trainer, m -> String.format(Locale.ROOT, "g %.3f d %.3f", m.get("loss.generator"), m.get("loss.discriminator")));
        return trainer.average == null ? trainer.networks.weights("generator") : new Weights(Map.of()).with("generator.", trainer.average.average());
    }

    @Override
    Map<String, String> architecture() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("latent-dim", Integer.toString(config.latentDim()));
        a.put("generator-dims", ConfigChecks.dimsText(config.generatorDims()));
        return a;
    }

    @Override
    void checkArchitecture(SavedModel saved) throws IOException {
        saved.integer("latent-dim");
        saved.string("generator-dims");
    }

    @Override
    FittedDeepModel fitted(TabularTransformer transformer, Weights weights, Map<String, String> architecture) {
        return new FittedGan(transformer, weights, architecture, config.device());
    }

    private final class Trainer implements EpochTrainer {
        final Networks networks = new Networks();
        final NDManager root;
        final EncodedTable data;
        final ReluMlp generator;
        final Critic critic;
        final Adam generatorAdam;
        final Adam criticAdam;
        /** The generator's weight average, with {@code generator-average > 0}; else null. */
        final WeightAverage average;
        final ParameterSet criticParams;
        final OutputLayer output;
        final long seed;
        final int width;

        Trainer(NDManager root, TabularTransformer transformer, EncodedTable data, long seed) {
            this.root = root;
            this.data = data;
            this.seed = seed;
            this.width = transformer.width();
            SplittableRandom init = Seeds.random(seed, "init");
            ParameterSet g = networks.network("generator", new ParameterSet(root));
            generator = new ReluMlp(g, "generator", config.latentDim(), config.generatorDims(), width, init);
            criticParams = networks.network("discriminator", new ParameterSet(root));
            int[] dims = config.discriminatorDims().stream().mapToInt(Integer::intValue).toArray();
            critic = new Critic(criticParams, "discriminator", width, dims, 0.2, 0, init);
            generatorAdam = networks.optimizer("generator", new Adam(g, config.learningRate(), config.beta1(), config.beta2(), 0));
            criticAdam = networks.optimizer("discriminator", new Adam(criticParams, config.learningRate(), config.beta1(), config.beta2(), 0));
            average = config.generatorAverage() > 0 ? networks.average("generator", new WeightAverage(g, config.generatorAverage())) : null;
            output = new OutputLayer(transformer.spans(), root);
        }

        @Override
        public Map<String, Double> trainEpoch(int epoch) {
            return trainEpoch(epoch, BatchProgress.NONE);
        }

        @Override
        public Map<String, Double> trainEpoch(int epoch, BatchProgress batches) {
            SplittableRandom random = Seeds.random(seed, "batches-" + epoch);
            int batch = config.batchSize();
            int[] order = data.permutation(random);
            int steps = Math.max(1, data.rows / batch);
            boolean wgan = config.loss() == GanLoss.WGAN_GP;
            double gSum = 0;
            double dSum = 0;
            double wSum = 0;
            int cursor = 0;
            Engine engine = DjlEngine.engine();
            for (int step = 0; step < steps; step++) {
                if (step > 0) {
                    batches.batchDone(step, steps); // also where Ctrl-C stops training within an epoch
                }
                try (NDManager m = root.newSubManager()) {
                    for (int k = 0; k < config.discriminatorSteps(); k++) {
                        NDArray real = data.batch(m, order, cursor, batch);
                        cursor += batch;
                        NDArray fake = output.activate(generator.forward(noise(m, random, batch)), 0).stopGradient();
                        criticParams.zeroGradients();
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray dReal = critic.forward(real, true);
                            NDArray dFake = critic.forward(fake, true);
                            NDArray loss;
                            if (wgan) {
                                NDArray distance = dReal.mean().sub(dFake.mean());
                                NDArray u = m.create(uniform(random, batch), new Shape(batch, 1));
                                loss = distance.neg().add(critic.gradientPenalty(real, fake, u, config.gradientPenalty(), true));
                                wSum += distance.getFloat();
                            } else {
                                loss = Activation.softPlus(dReal.neg()).mean().add(Activation.softPlus(dFake).mean());
                            }
                            collector.backward(loss);
                            dSum += loss.getFloat();
                        }
                        criticAdam.step();
                    }
                    criticParams.requireGradients(false); // the critic only passes the gradient on to the generator
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray fake = output.activate(generator.forward(noise(m, random, batch)), 0);
                        NDArray score = critic.forward(fake, true);
                        NDArray loss = wgan ? score.mean().neg() : Activation.softPlus(score.neg()).mean();
                        collector.backward(loss);
                        gSum += loss.getFloat();
                    } finally {
                        criticParams.requireGradients(true);
                    }
                    generatorAdam.step();
                    if (average != null) {
                        average.update();
                    }
                }
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss.generator", gSum / steps);
            metrics.put("loss.discriminator", dSum / (steps * (double) config.discriminatorSteps()));
            if (wgan) {
                metrics.put("wasserstein-estimate", wSum / (steps * (double) config.discriminatorSteps()));
            }
            return metrics;
        }

        private NDArray noise(NDManager m, SplittableRandom random, int rows) {
            return NativeArrays.floats(m, new Shape(rows, config.latentDim()), out -> Gaussians.fill(random, out, rows * config.latentDim()));
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
            return NAME + " width " + width + " rows " + data.rows + " " + architecture() + " disc " + config.discriminatorDims() + " loss " + config.loss()
                    + (average == null ? "" : " generator-average " + config.generatorAverage());
        }
    }

    static float[] uniform(SplittableRandom random, int n) {
        float[] u = new float[n];
        for (int i = 0; i < n; i++) {
            u[i] = (float) random.nextDouble();
        }
        return u;
    }

    static final class FittedGan extends FittedDeepModel {
        FittedGan(TabularTransformer transformer, Weights weights, Map<String, String> architecture, DeviceChoice device) {
            super(NAME, transformer, weights, architecture, device);
        }

        @Override
        Sampler sampler(NDManager manager, long seed) {
            int latent = Integer.parseInt(architecture.get("latent-dim"));
            List<Integer> dims = ConfigChecks.parseDims(architecture.get("generator-dims"));
            int width = transformer.width();
            ParameterSet params = new ParameterSet(manager);
            ReluMlp generator = new ReluMlp(params, "generator", latent, dims, width, new SplittableRandom(0));
            params.assign(weights.part("generator."));
            params.requireGradients(false);
            OutputLayer output = new OutputLayer(transformer.spans());
            return (m, k, rows, out) -> {
                SplittableRandom random = Seeds.random(seed, "gan-sample-" + k);
                NDArray z = DjlEngine.normals(m, Seeds.derive(seed, "gan-latent-" + k), new Shape(rows, latent));
                copyOut(Eager.done(generator.forward(z), z), out, 0);
                output.decode(out, 0, rows, width, random);
            };
        }
    }
}
