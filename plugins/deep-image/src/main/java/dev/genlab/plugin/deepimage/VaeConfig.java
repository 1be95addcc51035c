package dev.genlab.plugin.deepimage;

import static dev.genlab.plugin.djl.ConfigChecks.atLeast;
import static dev.genlab.plugin.djl.ConfigChecks.between;
import static dev.genlab.plugin.djl.ConfigChecks.nonNegative;
import static dev.genlab.plugin.djl.ConfigChecks.notNull;
import static dev.genlab.plugin.djl.ConfigChecks.positive;

import dev.genlab.plugin.djl.DeviceChoice;

/**
 * Settings of the {@code vae} image model; defaults in {@code reference.conf} under {@code genlab.model.vae}.
 *
 * @param device          auto, cpu or gpu
 * @param epochs          passes over the training images
 * @param batchSize       images per batch
 * @param latentDim       size of the Gaussian latent
 * @param channels        channels of the first convolution (doubled per halving of the resolution)
 * @param reconstruction  decoder likelihood: bernoulli or gaussian
 * @param klWeight        weight of the KL term (1 = the ELBO; beta-VAE otherwise)
 * @param learningRate    Adam learning rate
 * @param conditional     condition on the class label (the dataset's categorical target) when there is one
 * @param checkpointEvery write a checkpoint every this many epochs; 0 turns them off
 * @param resume          continue from the newest checkpoint
 */
public record VaeConfig(
        DeviceChoice device,
        int epochs,
        int batchSize,
        int latentDim,
        int channels,
        VaeReconstruction reconstruction,
        double klWeight,
        double learningRate,
        boolean conditional,
        int checkpointEvery,
        boolean resume) {

    public VaeConfig {
        notNull("device", device, "auto, cpu, gpu");
        atLeast("epochs", epochs, 1);
        atLeast("batch-size", batchSize, 1);
        between("latent-dim", latentDim, 1, 4096);
        between("channels", channels, 1, 1024);
        notNull("reconstruction", reconstruction, "bernoulli, gaussian");
        nonNegative("kl-weight", klWeight);
        positive("learning-rate", learningRate);
        atLeast("checkpoint-every", checkpointEvery, 0);
    }

    /** The defaults of {@code reference.conf}. */
    public static VaeConfig defaults() {
        return new VaeConfig(DeviceChoice.AUTO, 100, 64, 16, 32, VaeReconstruction.BERNOULLI, 1, 1e-3, true, 0, false);
    }
}
