package dev.genlab.plugin.deeptabular;

import static dev.genlab.plugin.djl.ConfigChecks.atLeast;
import static dev.genlab.plugin.djl.ConfigChecks.dims;
import static dev.genlab.plugin.djl.ConfigChecks.fraction;
import static dev.genlab.plugin.djl.ConfigChecks.nonNegative;
import static dev.genlab.plugin.djl.ConfigChecks.notNull;
import static dev.genlab.plugin.djl.ConfigChecks.positive;

import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.tabular.NumericEncoding;
import java.util.List;

/**
 * Settings of the {@code gan} model; defaults in {@code reference.conf} under {@code genlab.model.gan}, taken
 * from Gulrajani et al. 2017 (WGAN-GP: Adam 1e-4, betas 0.5/0.9, 5 critic steps, penalty 10).
 *
 * @param device             auto, cpu or gpu
 * @param epochs             passes of the generator over the data
 * @param batchSize          rows per batch
 * @param loss               standard or wgan-gp
 * @param latentDim          size of the generator's noise input
 * @param generatorDims      hidden layer widths of the generator
 * @param discriminatorDims  hidden layer widths of the discriminator
 * @param learningRate       Adam learning rate of both networks
 * @param beta1              Adam beta1
 * @param beta2              Adam beta2
 * @param discriminatorSteps discriminator updates per generator update
 * @param gradientPenalty    weight of the WGAN-GP gradient penalty
 * @param generatorAverage   decay of an exponential moving average of the generator's weights, which the fitted
 *                           model samples with; 0 keeps the last step's weights
 * @param numericEncoding    how numeric columns are encoded: standard, minmax or mode-specific
 * @param maxCategories      a categorical column with more distinct values is refused
 * @param checkpointEvery    write a checkpoint every this many epochs; 0 turns them off
 * @param resume             continue from the newest checkpoint
 */
public record GanConfig(
        DeviceChoice device,
        int epochs,
        int batchSize,
        GanLoss loss,
        int latentDim,
        List<Integer> generatorDims,
        List<Integer> discriminatorDims,
        double learningRate,
        double beta1,
        double beta2,
        int discriminatorSteps,
        double gradientPenalty,
        double generatorAverage,
        NumericEncoding numericEncoding,
        int maxCategories,
        int checkpointEvery,
        boolean resume) {

    public GanConfig {
        notNull("device", device, "auto, cpu, gpu");
        atLeast("epochs", epochs, 1);
        atLeast("batch-size", batchSize, 2);
        notNull("loss", loss, "standard, wgan-gp");
        atLeast("latent-dim", latentDim, 1);
        generatorDims = dims("generator-dims", generatorDims);
        discriminatorDims = dims("discriminator-dims", discriminatorDims);
        positive("learning-rate", learningRate);
        fraction("beta1", beta1);
        fraction("beta2", beta2);
        atLeast("discriminator-steps", discriminatorSteps, 1);
        nonNegative("gradient-penalty", gradientPenalty);
        fraction("generator-average", generatorAverage);
        notNull("numeric-encoding", numericEncoding, "mode-specific, minmax, standard");
        atLeast("max-categories", maxCategories, 2);
        atLeast("checkpoint-every", checkpointEvery, 0);
    }

    /** The defaults of {@code reference.conf}. */
    public static GanConfig defaults() {
        return new GanConfig(DeviceChoice.AUTO, 300, 500, GanLoss.WGAN_GP, 128, List.of(256, 256), List.of(256, 256),
                1e-4, 0.5, 0.9, 5, 10, 0, NumericEncoding.STANDARD, 1000, 0, false);
    }
}
