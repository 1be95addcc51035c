package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.nn.Scalars;
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
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.Networks;
import dev.genlab.plugin.djl.nn.ParameterSet;
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
 * A denoising diffusion model for tables (Ho et al. 2020; the MLP denoiser and cosine schedule of TabDDPM): the
 * encoded row (scaled numbers, one-hot categories) is noised with Gaussian noise over {@code timesteps} steps and
 * an MLP learns to predict the noise from the noisy row and a sinusoidal embedding of the step. Sampling runs the
 * reverse chain from pure noise; one-hot blocks are read by argmax. (TabDDPM's multinomial diffusion for
 * categories is not implemented.)
 */
public final class DdpmModel extends DeepTabularModel {
    static final String NAME = DdpmModelPlugin.NAME;
    private final DdpmConfig config;

    @Inject
    public DdpmModel(DdpmConfig config) {
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
        Trainer trainer = new Trainer(root, data, context.seed());
        TrainingLoop.run(context, new TrainingLoop.Settings(NAME, config.epochs(), config.checkpointEvery(), config.resume()),
                trainer, m -> String.format(Locale.ROOT, "loss %.4f", m.get("loss.denoising")));
        return trainer.networks.weights("denoiser");
    }

    @Override
    Map<String, String> architecture() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("timesteps", Integer.toString(config.timesteps()));
        a.put("schedule", config.schedule().name());
        a.put("dims", ConfigChecks.dimsText(config.dims()));
        a.put("time-embedding-dim", Integer.toString(config.timeEmbeddingDim()));
        return a;
    }

    @Override
    void checkArchitecture(SavedModel saved) throws IOException {
        saved.integer("timesteps");
        try {
            DdpmSchedule.valueOf(saved.string("schedule"));
        } catch (IllegalArgumentException e) {
            throw new IOException("saved ddpm model has an unknown schedule '" + saved.string("schedule") + "'", e);
        }
        saved.string("dims");
        saved.integer("time-embedding-dim");
    }

    @Override
    FittedDeepModel fitted(TabularTransformer transformer, Weights weights, Map<String, String> architecture) {
        return new FittedDdpm(transformer, weights, architecture, config.device());
    }

    /** Noise predictor: {@code MLP(Linear(x) + TimeMLP(embedding(t)))}. */
    static final class Denoiser {
        final Dense projection;
        final Dense time1;
        final Dense time2;
        final ReluMlp mlp;
        final int embeddingDim;

        Denoiser(ParameterSet params, int width, int embeddingDim, List<Integer> dims, SplittableRandom init) {
            this.embeddingDim = embeddingDim;
            projection = new Dense(params, "denoiser.projection", width, embeddingDim, init);
            time1 = new Dense(params, "denoiser.time1", embeddingDim, embeddingDim, init);
            time2 = new Dense(params, "denoiser.time2", embeddingDim, embeddingDim, init);
            mlp = new ReluMlp(params, "denoiser.mlp", embeddingDim, dims, width, init);
        }

        NDArray forward(NDArray x, NDArray timeEmbedding) {
            NDArray t = time1.forward(timeEmbedding);
            t = time2.forward(t.mul(Activation.sigmoid(t)));
            return mlp.forward(projection.forward(x).add(t));
        }

        /** Sinusoidal embedding of step {@code t}, as TabDDPM: cosines then sines at geometric frequencies. */
        static void embed(int t, int dim, float[] out, int offset) {
            int half = dim / 2;
            for (int j = 0; j < half; j++) {
                double freq = Math.exp(-Math.log(10000) * j / half);
                out[offset + j] = (float) Math.cos(t * freq);
                out[offset + half + j] = (float) Math.sin(t * freq);
            }
        }
    }

    private final class Trainer implements EpochTrainer {
        final Networks networks = new Networks();
        final NDManager root;
        final EncodedTable data;
        final Denoiser denoiser;
        final Adam adam;
        final double[] alphaBars;
        final float[] embeddings;
        final long seed;

        Trainer(NDManager root, EncodedTable data, long seed) {
            this.root = root;
            this.data = data;
            this.seed = seed;
            ParameterSet p = networks.network("denoiser", new ParameterSet(root));
            denoiser = new Denoiser(p, data.width, config.timeEmbeddingDim(), config.dims(), Seeds.random(seed, "init"));
            adam = networks.optimizer("denoiser", new Adam(p, config.learningRate(), 0.9, 0.999, config.weightDecay()));
            alphaBars = config.schedule().alphaBars(config.timesteps());
            int dim = config.timeEmbeddingDim();
            embeddings = new float[config.timesteps() * dim];
            for (int t = 0; t < config.timesteps(); t++) {
                Denoiser.embed(t, dim, embeddings, t * dim);
            }
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
            double sum = 0;
            Engine engine = DjlEngine.engine();
            for (int step = 0; step < steps; step++) {
                if (step > 0) {
                    batches.batchDone(step, steps); // also where Ctrl-C stops training within an epoch
                }
                try (NDManager m = root.newSubManager()) {
                    NDArray x0 = data.batch(m, order, step * batch, batch);
                    float[] emb = new float[batch * dim];
                    float[] signal = new float[batch];
                    float[] noiseScale = new float[batch];
                    for (int b = 0; b < batch; b++) {
                        int t = random.nextInt(config.timesteps());
                        System.arraycopy(embeddings, t * dim, emb, b * dim, dim);
                        signal[b] = (float) Math.sqrt(alphaBars[t]);
                        noiseScale[b] = (float) Math.sqrt(1 - alphaBars[t]);
                    }
                    NDArray eps = m.randomNormal(x0.getShape());
                    NDArray xt = x0.mul(m.create(signal, new Shape(batch, 1))).add(eps.mul(m.create(noiseScale, new Shape(batch, 1))));
                    NDArray embedding = m.create(emb, new Shape(batch, dim));
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray loss = denoiser.forward(xt, embedding).sub(eps).square().mean();
                        collector.backward(loss);
                        sum += loss.getFloat();
                    }
                    adam.step();
                }
            }
            return Map.of("loss.denoising", sum / steps);
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
            return NAME + " width " + data.width + " rows " + data.rows + " " + architecture();
        }
    }

    static final class FittedDdpm extends FittedDeepModel {
        FittedDdpm(TabularTransformer transformer, Weights weights, Map<String, String> architecture, DeviceChoice device) {
            super(NAME, transformer, weights, architecture, device);
        }

        @Override
        int chunkRows() {
            return 5000; // a thousand network passes per chunk: larger chunks spend less on each operation's dispatch
        }

        @Override
        boolean parallelChunks() {
            return false; // the reverse chain draws from the engine's generator, one per process
        }

        @Override
        Sampler sampler(NDManager manager, long seed) {
            int steps = Integer.parseInt(architecture.get("timesteps"));
            DdpmSchedule schedule = DdpmSchedule.valueOf(architecture.get("schedule"));
            List<Integer> dims = ConfigChecks.parseDims(architecture.get("dims"));
            int dim = Integer.parseInt(architecture.get("time-embedding-dim"));
            int width = transformer.width();
            ParameterSet params = new ParameterSet(manager);
            Denoiser denoiser = new Denoiser(params, width, dim, dims, new SplittableRandom(0));
            params.assign(weights.part("denoiser."));
            params.requireGradients(false);
            double[] alphaBars = schedule.alphaBars(steps);
            float[] emb = new float[dim];
            return (m, k, rows, out) -> {
                // The reverse chain's noise comes from the engine's generator (fast, in place); seeding it here for
                // each chunk makes a sample depend on the seed alone. The generator is process-wide, as all
                // PyTorch randomness, so the chunks are generated one after the other.
                DjlEngine.seed(Seeds.derive(seed, "ddpm-sample-" + k));
                NDArray x = m.randomNormal(new Shape(rows, width));
                for (int t = steps - 1; t >= 0; t--) {
                    try (NDManager s = m.newSubManager()) {
                        // results attach to their first input's manager: move x into the step's manager so
                        // every activation of this step is freed with it, and only the new x survives
                        x.attach(s);
                        Denoiser.embed(t, dim, emb, 0);
                        NDArray eps = denoiser.forward(x, s.create(emb, new Shape(1, dim)));
                        double alphaBar = alphaBars[t];
                        double previous = t == 0 ? 1 : alphaBars[t - 1];
                        double alpha = alphaBar / previous;
                        double beta = 1 - alpha;
                        NDArray mean = Scalars.div(x.sub(Scalars.mul(eps, beta / Math.sqrt(1 - alphaBar))), Math.sqrt(alpha));
                        if (t > 0) {
                            double variance = beta * (1 - previous) / (1 - alphaBar);
                            mean = mean.add(Scalars.mul(s.randomNormal(x.getShape()), Math.sqrt(variance)));
                        }
                        mean.attach(m);
                        x = mean;
                    }
                }
                copyOut(x, out, 0);
            };
        }
    }
}
