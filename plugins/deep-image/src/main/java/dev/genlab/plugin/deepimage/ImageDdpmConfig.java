package dev.genlab.plugin.deepimage;

import static dev.genlab.plugin.djl.ConfigChecks.atLeast;
import static dev.genlab.plugin.djl.ConfigChecks.between;
import static dev.genlab.plugin.djl.ConfigChecks.fraction;
import static dev.genlab.plugin.djl.ConfigChecks.notNull;
import static dev.genlab.plugin.djl.ConfigChecks.positive;

import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code image-ddpm} model; defaults in {@code reference.conf} under {@code genlab.model.image-ddpm}.
 *
 * @param device           auto, cpu or gpu
 * @param epochs           passes over the training images
 * @param batchSize        images per batch
 * @param steps            diffusion steps, in training and sampling
 * @param schedule         noise schedule: linear or cosine
 * @param channels         channels of the denoiser's convolutions
 * @param blocks           residual blocks of the denoiser (two 3x3 convolutions each)
 * @param timeEmbeddingDim width of the sinusoidal step embedding (and of the class embedding)
 * @param learningRate     Adam learning rate
 * @param ema              decay of the exponential moving average of the weights used for sampling; 0 samples with the last weights
 * @param conditional      condition on the class label (the dataset's categorical target) when there is one
 * @param checkpointEvery  write a checkpoint every this many epochs; 0 turns them off
 * @param resume           continue from the newest checkpoint
 */
public record ImageDdpmConfig(
        DeviceChoice device,
        int epochs,
        int batchSize,
        int steps,
        DiffusionSchedule schedule,
        int channels,
        int blocks,
        int timeEmbeddingDim,
        double learningRate,
        double ema,
        boolean conditional,
        int checkpointEvery,
        boolean resume) {

    public ImageDdpmConfig {
        notNull("device", device, "auto, cpu, gpu");
        atLeast("epochs", epochs, 1);
        atLeast("batch-size", batchSize, 1);
        between("steps", steps, 2, 100_000);
        notNull("schedule", schedule, "linear, cosine");
        between("channels", channels, 1, 1024);
        between("blocks", blocks, 1, 64);
        between("time-embedding-dim", timeEmbeddingDim, 2, 4096);
        if (timeEmbeddingDim % 2 != 0) {
            throw new PluginConfigException("time-embedding-dim", "must be even (sine and cosine halves), was " + timeEmbeddingDim);
        }
        positive("learning-rate", learningRate);
        fraction("ema", ema);
        atLeast("checkpoint-every", checkpointEvery, 0);
    }

    /** The defaults of {@code reference.conf}. */
    public static ImageDdpmConfig defaults() {
        return new ImageDdpmConfig(DeviceChoice.AUTO, 100, 64, 200, DiffusionSchedule.LINEAR, 32, 2, 64, 1e-3, 0.995, true, 0, false);
    }
}
