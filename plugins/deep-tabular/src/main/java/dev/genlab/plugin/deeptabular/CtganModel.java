package dev.genlab.plugin.deeptabular;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
import dev.genlab.plugin.djl.nn.Scalars;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.tabular.NumericEncoding;
import dev.genlab.plugin.djl.tabular.Span;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import dev.genlab.plugin.djl.train.BatchProgress;
import dev.genlab.plugin.djl.train.EpochTrainer;
import dev.genlab.plugin.djl.train.TrainingLoop;
import dev.genlab.spi.Data;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * CTGAN (Xu et al. 2019), after the reference implementation: mode-specific normalisation of numeric columns,
 * a conditional vector over the categorical columns with training-by-sampling, a residual generator with
 * Gumbel-softmax outputs and a conditional cross-entropy term, and a PacGAN critic trained with WGAN-GP.
 * Sampling can fix a categorical column's level ({@code sex = Female}); further conditions are met by
 * rejection.
 */
public final class CtganModel extends DeepTabularModel {
    static final String NAME = CtganModelPlugin.NAME;
    private static final double GUMBEL_TAU = 0.2;
    private final CtganConfig config;

    @Inject
    public CtganModel(CtganConfig config) {
        super(NAME);
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    public boolean supportsConditions(dev.genlab.spi.Data train) {
        return true;
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
        ConditionSampler conditions = ConditionSampler.fit(transformer.categorySpans(), data, config.logFrequency());
        Trainer trainer = new Trainer(root, transformer, data, conditions, context.seed());
        TrainingLoop.run(context, new TrainingLoop.Settings(NAME, config.epochs(), config.checkpointEvery(), config.resume()),
                trainer, m -> String.format(Locale.ROOT, "g %.3f d %.3f", m.get("loss.generator"), m.get("loss.discriminator")));
        return trainer.networks.weights("generator")
                .with("", new Weights(Map.of("conditions.frequency", conditions.frequencies())));
    }

    @Override
    Map<String, String> architecture() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("embedding-dim", Integer.toString(config.embeddingDim()));
        a.put("generator-dims", ConfigChecks.dimsText(config.generatorDims()));
        return a;
    }

    @Override
    void checkArchitecture(SavedModel saved) throws IOException {
        saved.integer("embedding-dim");
        saved.string("generator-dims");
    }

    @Override
    FittedDeepModel fitted(TabularTransformer transformer, Weights weights, Map<String, String> architecture) {
        return new FittedCtgan(transformer, weights, architecture, config.device());
    }

    private final class Trainer implements EpochTrainer {
        final Networks networks = new Networks();
        final NDManager root;
        final EncodedTable data;
        final ConditionSampler conditions;
        final ResidualGenerator generator;
        final Critic critic;
        final ParameterSet criticParams;
        final Adam generatorAdam;
        final Adam criticAdam;
        final OutputLayer output;
        final List<Span> conditionSpans;
        final SoftmaxGroups conditionBlocks;
        final long seed;
        final int width;

        Trainer(NDManager root, TabularTransformer transformer, EncodedTable data, ConditionSampler conditions, long seed) {
            this.root = root;
            this.data = data;
            this.conditions = conditions;
            this.seed = seed;
            this.width = transformer.width();
            this.conditionSpans = transformer.categorySpans();
            SplittableRandom init = Seeds.random(seed, "init");
            ParameterSet g = networks.network("generator", new ParameterSet(root));
            generator = new ResidualGenerator(g, "generator", config.embeddingDim() + conditions.width, config.generatorDims(), width, init);
            criticParams = networks.network("discriminator", new ParameterSet(root));
            int[] dims = config.discriminatorDims().stream().mapToInt(Integer::intValue).toArray();
            critic = new Critic(criticParams, "discriminator", (width + conditions.width) * config.pac(), dims, 0.2, 0.5, init);
            generatorAdam = networks.optimizer("generator", new Adam(g, config.generatorLr(), 0.5, 0.9, config.generatorDecay()));
            criticAdam = networks.optimizer("discriminator", new Adam(criticParams, config.discriminatorLr(), 0.5, 0.9, config.discriminatorDecay()));
            output = new OutputLayer(transformer.spans(), root);
            conditionBlocks = new SoftmaxGroups(conditionSpans, true, root);
        }

        @Override
        public Map<String, Double> trainEpoch(int epoch) {
            return trainEpoch(epoch, BatchProgress.NONE);
        }

        @Override
        public Map<String, Double> trainEpoch(int epoch, BatchProgress batches) {
            SplittableRandom random = Seeds.random(seed, "batches-" + epoch);
            int batch = config.batchSize();
            int pac = config.pac();
            int steps = Math.max(1, data.rows / batch);
            int[] picks = new int[2 * batch];
            int[] uniformOrder = conditions.isEmpty() ? data.permutation(random) : null;
            int cursor = 0;
            double gSum = 0;
            double dSum = 0;
            double wSum = 0;
            double cSum = 0;
            Engine engine = DjlEngine.engine();
            for (int step = 0; step < steps; step++) {
                if (step > 0) {
                    batches.batchDone(step, steps); // also where Ctrl-C stops training within an epoch
                }
                try (NDManager m = root.newSubManager()) {
                    for (int k = 0; k < config.discriminatorSteps(); k++) {
                        NDArray z = noise(m, random, batch);
                        NDArray real;
                        NDArray fakeIn;
                        NDArray realCond = null;
                        NDArray fakeCond = null;
                        if (conditions.isEmpty()) {
                            real = data.batch(m, uniformOrder, cursor, batch);
                            cursor += batch;
                            fakeIn = z;
                        } else {
                            conditions.pick(random, batch, true, picks);
                            fakeCond = m.create(conditions.vectors(picks, batch), new Shape(batch, conditions.width));
                            int[] permuted = permute(picks, batch, random);
                            realCond = m.create(conditions.vectors(permuted, batch), new Shape(batch, conditions.width));
                            real = data.rows(m, conditions.realRows(permuted, batch, random));
                            fakeIn = NDArrays.concat(new NDList(z, fakeCond), 1);
                        }
                        // temporaries are closed once consumed (Eager): autograd keeps what it saved
                        NDArray raw = Eager.done(generator.forward(fakeIn, true), fakeIn == z ? null : fakeIn);
                        NDArray activated = Eager.done(output.activate(raw, GUMBEL_TAU), raw);
                        NDArray fake = Eager.done(activated.stopGradient(), activated);
                        NDArray realAll = packed(realCond == null ? real : Eager.done(NDArrays.concat(new NDList(real, realCond), 1), real, realCond), pac);
                        NDArray fakeAll = packed(fakeCond == null ? fake : Eager.done(NDArrays.concat(new NDList(fake, fakeCond), 1), fake, fakeCond), pac);
                        NDArray u = m.create(GanModel.uniform(random, batch / pac), new Shape(batch / pac, 1));
                        criticParams.zeroGradients();
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray distance = critic.forward(realAll, true).mean().sub(critic.forward(fakeAll, true).mean());
                            NDArray loss = distance.neg().add(critic.gradientPenalty(realAll, fakeAll, u, config.gradientPenalty(), true));
                            collector.backward(loss);
                            dSum += loss.getFloat();
                            wSum += distance.getFloat();
                        }
                        criticAdam.step();
                    }
                    NDArray z = noise(m, random, batch);
                    NDArray cond = null;
                    int[] condPositions = null;
                    if (!conditions.isEmpty()) {
                        conditions.pick(random, batch, true, picks);
                        float[] vectors = conditions.vectors(picks, batch);
                        cond = m.create(vectors, new Shape(batch, conditions.width));
                        condPositions = conditionBlocks.targetPositions(vectors, batch, conditions.width);
                    }
                    criticParams.requireGradients(false); // the critic only passes the gradient on to the generator
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray input = cond == null ? z : Eager.done(NDArrays.concat(new NDList(z, cond), 1), z);
                        NDArray raw = Eager.done(generator.forward(input, true), input == z ? null : input);
                        NDArray fake = output.activate(raw, GUMBEL_TAU);
                        NDArray joined = cond == null ? fake : Eager.done(NDArrays.concat(new NDList(fake, cond), 1), fake);
                        NDArray criticIn = packed(joined, pac);
                        NDArray score = Eager.done(critic.forward(criticIn, true), criticIn, joined);
                        NDArray mean = Eager.done(score.mean(), score);
                        NDArray loss = Eager.done(mean.neg(), mean);
                        if (cond != null) {
                            NDArray conditional = Eager.done(conditionalLoss(raw, cond, condPositions, batch), raw);
                            cSum += conditional.getFloat();
                            loss = loss.add(conditional);
                        }
                        collector.backward(loss);
                        gSum += loss.getFloat();
                    } finally {
                        criticParams.requireGradients(true);
                    }
                    generatorAdam.step();
                }
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            double dSteps = steps * (double) config.discriminatorSteps();
            metrics.put("loss.generator", gSum / steps);
            metrics.put("loss.discriminator", dSum / dSteps);
            metrics.put("wasserstein-estimate", wSum / dSteps);
            if (!conditions.isEmpty()) {
                metrics.put("loss.conditional", cSum / steps);
            }
            return metrics;
        }

        /**
         * Cross-entropy between the generator's logits for each categorical column and the condition, on the
         * conditioned column; at the condition's one-hot positions when they are known ({@code positions}).
         */
        private NDArray conditionalLoss(NDArray raw, NDArray cond, int[] positions, int batch) {
            NDArray sum = positions != null
                    ? conditionBlocks.crossEntropyAt(raw, conditionBlocks.picks(positions, null, 0, batch))
                    : conditionBlocks.crossEntropy(raw, cond);
            return Scalars.div(sum, batch);
        }

        private NDArray packed(NDArray x, int pac) {
            return x.reshape(new Shape(x.getShape().get(0) / pac, x.getShape().get(1) * pac));
        }

        private int[] permute(int[] picks, int batch, SplittableRandom random) {
            int[] out = picks.clone();
            for (int i = batch - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int s = out[2 * i];
                int l = out[2 * i + 1];
                out[2 * i] = out[2 * j];
                out[2 * i + 1] = out[2 * j + 1];
                out[2 * j] = s;
                out[2 * j + 1] = l;
            }
            return out;
        }

        private NDArray noise(NDManager m, SplittableRandom random, int rows) {
            return NativeArrays.floats(m, new Shape(rows, config.embeddingDim()), out -> Gaussians.fill(random, out, rows * config.embeddingDim()));
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
            return NAME + " width " + width + " conditions " + conditions.width + " rows " + data.rows + " " + architecture()
                    + " disc " + config.discriminatorDims() + " pac " + config.pac();
        }
    }

    static final class FittedCtgan extends FittedDeepModel {
        private static final int MAX_DRAWS_PER_ROW = 200;

        FittedCtgan(TabularTransformer transformer, Weights weights, Map<String, String> architecture, DeviceChoice device) {
            super(NAME, transformer, weights, architecture, device);
        }

        @Override
        public boolean supportsConditions() {
            return true;
        }

        @Override
        Sampler sampler(NDManager manager, long seed) {
            Network network = new Network(manager);
            return (m, k, rows, out) -> network.rows(m, Seeds.derive(seed, "ctgan-latent-" + k), Seeds.random(seed, "ctgan-sample-" + k), rows, null, out, 0);
        }

        @Override
        public Data sample(int n, long seed, Map<String, String> conditionMap) {
            if (conditionMap.isEmpty()) {
                return sample(n, seed);
            }
            List<int[]> slots = new ArrayList<>();
            List<int[]> required = new ArrayList<>(); // {column, code}
            for (Map.Entry<String, String> c : conditionMap.entrySet()) {
                slots.add(transformer.conditionSlot(c.getKey(), c.getValue()));
                int column = transformer.schema().requireIndex(c.getKey());
                required.add(new int[] {column, transformer.schema().column(column).codeOf(c.getValue())});
            }
            int[] fixed = null;
            for (int[] slot : slots) {
                if (slot[0] >= 0) {
                    fixed = slot;
                    break;
                }
            }
            if (n == 0 || transformer.width() == 0) {
                return sample(n, seed);
            }
            int width = transformer.width();
            float[] out = new float[Math.multiplyExact(n, width)];
            float[] chunk = new float[CHUNK * width];
            SplittableRandom random = Seeds.random(seed, "ctgan-conditional");
            int filled = 0;
            long drawn = 0;
            try (NDManager manager = DjlEngine.newManager(DjlEngine.device(device))) {
                Network network = new Network(manager);
                for (int round = 0; filled < n; round++) {
                    if (drawn > (long) MAX_DRAWS_PER_ROW * n) {
                        throw new IllegalArgumentException("conditional sampling gave up: only " + filled + " of " + n
                                + " rows met the conditions after " + drawn + " draws; the combination is too rare in the model");
                    }
                    int rows = Math.min(CHUNK, Math.max(n - filled, 1000));
                    try (NDManager m = manager.newSubManager()) {
                        network.rows(m, Seeds.derive(seed, "ctgan-conditional-latent-" + round), random, rows, fixed, chunk, 0);
                    }
                    drawn += rows;
                    Table t = transformer.inverse(chunk, rows);
                    for (int i = 0; i < rows && filled < n; i++) {
                        boolean ok = true;
                        for (int[] r : required) {
                            ok &= t.code(r[0], i) == r[1];
                        }
                        if (ok) {
                            System.arraycopy(chunk, i * width, out, filled * width, width);
                            filled++;
                        }
                    }
                }
            }
            return transformer.inverse(out, n);
        }

        /** The generator of one sample, built from the weights (gradients off). */
        private final class Network {
            final int embedding = Integer.parseInt(architecture.get("embedding-dim"));
            final int width = transformer.width();
            final ConditionSampler conditions = ConditionSampler.forSampling(transformer.categorySpans(), weights.get("conditions.frequency"));
            final ResidualGenerator generator;
            final OutputLayer output = new OutputLayer(transformer.spans());

            Network(NDManager manager) {
                List<Integer> dims = ConfigChecks.parseDims(architecture.get("generator-dims"));
                ParameterSet params = new ParameterSet(manager);
                generator = new ResidualGenerator(params, "generator", embedding + conditions.width, dims, width, new SplittableRandom(0));
                params.assign(weights.part("generator."));
                params.requireGradients(false);
            }

            /**
             * {@code rows} decoded rows (values through tanh, each one-hot block drawn from its softmax) written into
             * {@code out} from index {@code at}; the conditional vector is {@code fixed} (a {span, category} slot) or
             * drawn from the training frequencies. The latent noise comes from the engine's generator seeded with
             * {@code noiseSeed}, every other draw from {@code random}.
             */
            void rows(NDManager m, long noiseSeed, SplittableRandom random, int rows, int[] fixed, float[] out, int at) {
                NDArray z = DjlEngine.normals(m, noiseSeed, new Shape(rows, embedding));
                NDArray input = z;
                if (!conditions.isEmpty()) {
                    int[] picks = new int[2 * rows];
                    if (fixed == null) {
                        conditions.pick(random, rows, false, picks);
                    } else {
                        for (int b = 0; b < rows; b++) {
                            picks[2 * b] = fixed[0];
                            picks[2 * b + 1] = fixed[1];
                        }
                    }
                    input = NDArrays.concat(new NDList(z, m.create(conditions.vectors(picks, rows), new Shape(rows, conditions.width))), 1);
                }
                copyOut(Eager.done(generator.forward(input, false), input, input == z ? null : z), out, at);
                output.decode(out, at, rows, width, random);
            }
        }
    }
}
