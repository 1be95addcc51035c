package dev.genlab.plugin.deeptabular;

import static dev.genlab.plugin.djl.ConfigChecks.atLeast;
import static dev.genlab.plugin.djl.ConfigChecks.dims;
import static dev.genlab.plugin.djl.ConfigChecks.nonNegative;
import static dev.genlab.plugin.djl.ConfigChecks.notNull;
import static dev.genlab.plugin.djl.ConfigChecks.positive;

import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.spi.PluginConfigException;
import java.util.List;

/**
 * Settings of the {@code ctgan} model; defaults in {@code reference.conf} under {@code genlab.model.ctgan}, those
 * of Xu et al. 2019 and the reference implementation (sdv-dev/CTGAN).
 *
 * @param device               auto, cpu or gpu
 * @param epochs               passes over the data
 * @param batchSize            rows per batch, a multiple of {@code pac}
 * @param embeddingDim         size of the generator's noise input
 * @param generatorDims        widths of the generator's residual layers
 * @param discriminatorDims    hidden layer widths of the discriminator
 * @param generatorLr          Adam learning rate of the generator
 * @param generatorDecay       L2 weight decay of the generator
 * @param discriminatorLr      Adam learning rate of the discriminator
 * @param discriminatorDecay   L2 weight decay of the discriminator
 * @param discriminatorSteps   discriminator updates per generator update
 * @param pac                  rows the discriminator judges together (PacGAN)
 * @param gradientPenalty      weight of the WGAN-GP gradient penalty
 * @param logFrequency         training-by-sampling draws categories by log frequency (false: by frequency)
 * @param maxModes             components of each numeric column's Gaussian mixture
 * @param maxCategories        a categorical column with more distinct values is refused
 * @param checkpointEvery      write a checkpoint every this many epochs; 0 turns them off
 * @param resume               continue from the newest checkpoint
 */
public record CtganConfig(
        DeviceChoice device,
        int epochs,
        int batchSize,
        int embeddingDim,
        List<Integer> generatorDims,
        List<Integer> discriminatorDims,
        double generatorLr,
        double generatorDecay,
        double discriminatorLr,
        double discriminatorDecay,
        int discriminatorSteps,
        int pac,
        double gradientPenalty,
        boolean logFrequency,
        int maxModes,
        int maxCategories,
        int checkpointEvery,
        boolean resume) {

    public CtganConfig {
        notNull("device", device, "auto, cpu, gpu");
        atLeast("epochs", epochs, 1);
        atLeast("pac", pac, 1);
        atLeast("batch-size", batchSize, pac);
        if (batchSize % pac != 0) {
            throw new PluginConfigException("batch-size", "must be a multiple of pac (" + pac + "), was " + batchSize);
        }
        atLeast("embedding-dim", embeddingDim, 1);
        generatorDims = dims("generator-dims", generatorDims);
        discriminatorDims = dims("discriminator-dims", discriminatorDims);
        positive("generator-lr", generatorLr);
        nonNegative("generator-decay", generatorDecay);
        positive("discriminator-lr", discriminatorLr);
        nonNegative("discriminator-decay", discriminatorDecay);
        atLeast("discriminator-steps", discriminatorSteps, 1);
        nonNegative("gradient-penalty", gradientPenalty);
        atLeast("max-modes", maxModes, 1);
        atLeast("max-categories", maxCategories, 2);
        atLeast("checkpoint-every", checkpointEvery, 0);
    }

    /** The defaults of {@code reference.conf}. */
    public static CtganConfig defaults() {
        return new CtganConfig(DeviceChoice.AUTO, 300, 500, 128, List.of(256, 256), List.of(256, 256),
                2e-4, 1e-6, 2e-4, 1e-6, 1, 10, 10, true, 10, 1000, 0, false);
    }
}
