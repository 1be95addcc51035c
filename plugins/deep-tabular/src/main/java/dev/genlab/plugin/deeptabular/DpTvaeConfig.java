package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.spi.PluginConfigException;
import java.util.List;

/**
 * Settings of the {@code dp-tvae} model: TVAE's settings (same keys, same meaning) and the privacy budget of its
 * DP-SGD training; defaults in {@code reference.conf} under {@code genlab.model.dp-tvae}.
 *
 * @param epsilon         the ε the whole training may spend
 * @param delta           the δ of the (ε, δ) guarantee; keep it well below 1 / (training rows)
 * @param clipNorm        C: each example's gradient (encoder and decoder together) is scaled to norm at most C
 * @param noiseMultiplier σ: the noise's standard deviation is σ · C; 0 = the smallest σ that keeps within ε, computed
 *                        by the RDP accountant; a σ given here that would spend more than ε is refused
 * @param bins            equal-width bins per numeric column over the range the dataset's public domain declares
 * @param domainFromData  fit the encoding on the private training rows (tvae's: category lists, Gaussian mixtures)
 *                        instead of building it from the public domain; outside the guarantee, recorded as a warning
 */
public record DpTvaeConfig(
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
        boolean resume,
        double epsilon,
        double delta,
        double clipNorm,
        double noiseMultiplier,
        int bins,
        boolean domainFromData) {

    public DpTvaeConfig {
        tvae(device, epochs, batchSize, embeddingDim, compressDims, decompressDims, learningRate, weightDecay, lossFactor, maxModes,
                maxCategories, checkpointEvery, resume);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new PluginConfigException("epsilon", "must be a positive finite number, got " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new PluginConfigException("delta", "must be in (0, 1), got " + delta);
        }
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new PluginConfigException("clip-norm", "must be a positive finite number, got " + clipNorm);
        }
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new PluginConfigException("noise-multiplier", "must be 0 (computed from epsilon) or a positive finite number, got " + noiseMultiplier);
        }
        if (bins < 1) {
            throw new PluginConfigException("bins", "must be at least 1, got " + bins);
        }
    }

    private static TvaeConfig tvae(DeviceChoice device, int epochs, int batchSize, int embeddingDim, List<Integer> compressDims,
            List<Integer> decompressDims, double learningRate, double weightDecay, double lossFactor, int maxModes, int maxCategories,
            int checkpointEvery, boolean resume) {
        return new TvaeConfig(device, epochs, batchSize, embeddingDim, compressDims, decompressDims, learningRate, weightDecay, lossFactor,
                maxModes, maxCategories, checkpointEvery, resume);
    }

    /** The network and training settings, as TVAE's. */
    public TvaeConfig tvae() {
        return tvae(device, epochs, batchSize, embeddingDim, compressDims, decompressDims, learningRate, weightDecay, lossFactor, maxModes,
                maxCategories, checkpointEvery, resume);
    }

    /** The defaults of {@code reference.conf}. */
    public static DpTvaeConfig defaults() {
        return new DpTvaeConfig(DeviceChoice.AUTO, 50, 500, 128, List.of(128, 128), List.of(128, 128), 1e-3, 1e-5, 2, 10, 1000, 0, false,
                3.0, 1e-5, 1.0, 0, 20, false);
    }
}
