package dev.genlab.plugin.deeptabular;

import static dev.genlab.plugin.djl.ConfigChecks.atLeast;
import static dev.genlab.plugin.djl.ConfigChecks.dims;
import static dev.genlab.plugin.djl.ConfigChecks.nonNegative;
import static dev.genlab.plugin.djl.ConfigChecks.notNull;
import static dev.genlab.plugin.djl.ConfigChecks.positive;

import dev.genlab.plugin.djl.DeviceChoice;
import java.util.List;

/**
 * Settings of the {@code tvae} model; defaults in {@code reference.conf} under {@code genlab.model.tvae}, those of
 * Xu et al. 2019 and the reference implementation (sdv-dev/CTGAN's TVAE).
 *
 * @param device          auto, cpu or gpu
 * @param epochs          passes over the data
 * @param batchSize       rows per batch
 * @param embeddingDim    size of the latent space
 * @param compressDims    hidden layer widths of the encoder
 * @param decompressDims  hidden layer widths of the decoder
 * @param learningRate    Adam learning rate
 * @param weightDecay     L2 weight decay
 * @param lossFactor      weight of the reconstruction term against the KL term
 * @param maxModes        components of each numeric column's Gaussian mixture
 * @param maxCategories   a categorical column with more distinct values is refused
 * @param checkpointEvery write a checkpoint every this many epochs; 0 turns them off
 * @param resume          continue from the newest checkpoint
 */
public record TvaeConfig(
        DeviceChoice device,
        int epochs,
        int batchSize,
        int embeddingDim,
        List<Integer> compressDims,
        List<Integer> decompressDims,
        double learningRate,
        double weightDecay,
        double lossFactor,
        int maxModes,
        int maxCategories,
        int checkpointEvery,
        boolean resume) {

    public TvaeConfig {
        notNull("device", device, "auto, cpu, gpu");
        atLeast("epochs", epochs, 1);
        atLeast("batch-size", batchSize, 1);
        atLeast("embedding-dim", embeddingDim, 1);
        compressDims = dims("compress-dims", compressDims);
        decompressDims = dims("decompress-dims", decompressDims);
        positive("learning-rate", learningRate);
        nonNegative("weight-decay", weightDecay);
        positive("loss-factor", lossFactor);
        atLeast("max-modes", maxModes, 1);
        atLeast("max-categories", maxCategories, 2);
        atLeast("checkpoint-every", checkpointEvery, 0);
    }

    /** The defaults of {@code reference.conf}. */
    public static TvaeConfig defaults() {
        return new TvaeConfig(DeviceChoice.AUTO, 300, 500, 128, List.of(128, 128), List.of(128, 128), 1e-3, 1e-5, 2, 10, 1000, 0, false);
    }
}
