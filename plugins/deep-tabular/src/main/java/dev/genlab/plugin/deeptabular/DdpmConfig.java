package dev.genlab.plugin.deeptabular;

import static dev.genlab.plugin.djl.ConfigChecks.atLeast;
import static dev.genlab.plugin.djl.ConfigChecks.nonNegative;
import static dev.genlab.plugin.djl.ConfigChecks.notNull;
import static dev.genlab.plugin.djl.ConfigChecks.positive;

import dev.genlab.plugin.djl.ConfigChecks;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.tabular.NumericEncoding;
import java.util.List;

/**
 * Settings of the {@code ddpm} model; defaults in {@code reference.conf} under {@code genlab.model.ddpm}, after
 * TabDDPM (Kotelnikov et al. 2023): 1000 steps, cosine schedule, MLP denoiser, batch 4096, lr 1e-3.
 *
 * @param device            auto, cpu or gpu
 * @param epochs            passes over the data
 * @param batchSize         rows per batch
 * @param timesteps         diffusion steps (training and sampling)
 * @param schedule          noise schedule: cosine or linear
 * @param dims              hidden layer widths of the denoising MLP
 * @param timeEmbeddingDim  width of the timestep embedding and of the input projection
 * @param learningRate      Adam learning rate
 * @param weightDecay       L2 weight decay
 * @param numericEncoding   how numeric columns are encoded: standard, minmax or mode-specific
 * @param maxCategories     a categorical column with more distinct values is refused
 * @param checkpointEvery   write a checkpoint every this many epochs; 0 turns them off
 * @param resume            continue from the newest checkpoint
 */
public record DdpmConfig(
        DeviceChoice device,
        int epochs,
        int batchSize,
        int timesteps,
        DdpmSchedule schedule,
        List<Integer> dims,
        int timeEmbeddingDim,
        double learningRate,
        double weightDecay,
        NumericEncoding numericEncoding,
        int maxCategories,
        int checkpointEvery,
        boolean resume) {

    public DdpmConfig {
        notNull("device", device, "auto, cpu, gpu");
        atLeast("epochs", epochs, 1);
        atLeast("batch-size", batchSize, 1);
        atLeast("timesteps", timesteps, 2);
        notNull("schedule", schedule, "cosine, linear");
        dims = ConfigChecks.dims("dims", dims);
        atLeast("time-embedding-dim", timeEmbeddingDim, 2);
        if (timeEmbeddingDim % 2 != 0) {
            throw new dev.genlab.spi.PluginConfigException("time-embedding-dim", "must be even (sine and cosine halves), was " + timeEmbeddingDim);
        }
        positive("learning-rate", learningRate);
        nonNegative("weight-decay", weightDecay);
        notNull("numeric-encoding", numericEncoding, "mode-specific, minmax, standard");
        atLeast("max-categories", maxCategories, 2);
        atLeast("checkpoint-every", checkpointEvery, 0);
    }

    /** The defaults of {@code reference.conf}. */
    public static DdpmConfig defaults() {
        return new DdpmConfig(DeviceChoice.AUTO, 1000, 4096, 1000, DdpmSchedule.COSINE, List.of(256, 256, 256), 128,
                1e-3, 0, NumericEncoding.STANDARD, 1000, 0, false);
    }
}
