package dev.genlab.plugin.deepimage;

import static dev.genlab.plugin.djl.ConfigChecks.atLeast;
import static dev.genlab.plugin.djl.ConfigChecks.between;
import static dev.genlab.plugin.djl.ConfigChecks.fraction;
import static dev.genlab.plugin.djl.ConfigChecks.notNull;
import static dev.genlab.plugin.djl.ConfigChecks.positive;

import dev.genlab.plugin.djl.DeviceChoice;

/**
 * Settings of the {@code dcgan} model; defaults in {@code reference.conf} under {@code genlab.model.dcgan}, after
 * Radford et al. 2016 (Adam 2e-4, beta1 0.5, batch norm in the generator, LeakyReLU 0.2 in the discriminator).
 *
 * @param device                auto, cpu or gpu
 * @param epochs                passes over the training images
 * @param batchSize             images per batch
 * @param latentDim             size of the generator's Gaussian noise
 * @param generatorChannels     channels of the generator's last hidden layer (doubled per halving of the resolution)
 * @param discriminatorChannels channels of the discriminator's first convolution (doubled per halving)
 * @param batchNorm             batch normalisation in the generator
 * @param loss                  standard or hinge
 * @param learningRate          Adam learning rate of both networks
 * @param beta1                 Adam beta1
 * @param beta2                 Adam beta2
 * @param conditional           condition on the class label (the dataset's categorical target) when there is one
 * @param gridEvery             write a grid of samples every this many epochs; 0 turns them off
 * @param checkpointEvery       write a checkpoint every this many epochs; 0 turns them off
 * @param resume                continue from the newest checkpoint
 */
public record DcganConfig(
        DeviceChoice device,
        int epochs,
        int batchSize,
        int latentDim,
        int generatorChannels,
        int discriminatorChannels,
        boolean batchNorm,
        GanLoss loss,
        double learningRate,
        double beta1,
        double beta2,
        boolean conditional,
        int gridEvery,
        int checkpointEvery,
        boolean resume) {

    public DcganConfig {
        notNull("device", device, "auto, cpu, gpu");
        atLeast("epochs", epochs, 1);
        atLeast("batch-size", batchSize, 1);
        between("latent-dim", latentDim, 1, 4096);
        between("generator-channels", generatorChannels, 1, 1024);
        between("discriminator-channels", discriminatorChannels, 1, 1024);
        notNull("loss", loss, "standard, hinge");
        positive("learning-rate", learningRate);
        fraction("beta1", beta1);
        fraction("beta2", beta2);
        atLeast("grid-every", gridEvery, 0);
        atLeast("checkpoint-every", checkpointEvery, 0);
    }

    /** The defaults of {@code reference.conf}. */
    public static DcganConfig defaults() {
        return new DcganConfig(DeviceChoice.AUTO, 100, 32, 32, 32, 32, true, GanLoss.STANDARD, 2e-4, 0.5, 0.999, true, 10, 0, false);
    }
}
