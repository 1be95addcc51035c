package dev.genlab.plugin.deeptext;

import static dev.genlab.plugin.djl.ConfigChecks.atLeast;
import static dev.genlab.plugin.djl.ConfigChecks.between;
import static dev.genlab.plugin.djl.ConfigChecks.fraction;
import static dev.genlab.plugin.djl.ConfigChecks.nonNegative;
import static dev.genlab.plugin.djl.ConfigChecks.notNull;
import static dev.genlab.plugin.djl.ConfigChecks.positive;

import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code gpt} model; defaults in {@code reference.conf} under {@code genlab.model.gpt}.
 *
 * @param device          auto, cpu or gpu
 * @param layers          transformer blocks
 * @param heads           attention heads per block; must divide {@code d-model}
 * @param dModel          width of the residual stream
 * @param context         characters the model attends to (learned positions)
 * @param dropout         dropout rate on embeddings, attention weights and residual branches
 * @param tieWeights      the output layer reuses the token embedding matrix
 * @param batchSize       windows per step
 * @param epochs          passes over the training text
 * @param learningRate    Adam learning rate
 * @param clipNorm        the gradients' global L2 norm is scaled down to this; 0 turns clipping off
 * @param validation      share of the training documents held out for a per-epoch validation loss; 0 = none
 * @param temperature     sampling temperature
 * @param topK            sample among the k most likely characters; 0 = all
 * @param prompt          text every sampled document starts with
 * @param maxLength       longest sampled document, in characters
 * @param checkpointEvery write a checkpoint every this many epochs; 0 turns them off
 * @param resume          continue from the newest checkpoint
 */
public record GptConfig(
        DeviceChoice device,
        int layers,
        int heads,
        int dModel,
        int context,
        double dropout,
        boolean tieWeights,
        int batchSize,
        int epochs,
        double learningRate,
        double clipNorm,
        double validation,
        double temperature,
        int topK,
        String prompt,
        int maxLength,
        int checkpointEvery,
        boolean resume) {

    public GptConfig {
        notNull("device", device, "auto, cpu, gpu");
        between("layers", layers, 1, 64);
        between("heads", heads, 1, 256);
        between("d-model", dModel, 1, 65536);
        if (dModel % heads != 0) {
            throw new PluginConfigException("heads", "must divide d-model = " + dModel + " (each head gets d-model / heads "
                    + "dimensions), was " + heads);
        }
        between("context", context, 2, 65536);
        fraction("dropout", dropout);
        atLeast("batch-size", batchSize, 1);
        atLeast("epochs", epochs, 1);
        positive("learning-rate", learningRate);
        nonNegative("clip-norm", clipNorm);
        fraction("validation", validation);
        notNull("prompt", prompt, "a text (\"\" for none)");
        atLeast("checkpoint-every", checkpointEvery, 0);
        new Sampling(temperature, topK, prompt, maxLength);
    }

    Sampling sampling() {
        return new Sampling(temperature, topK, prompt, maxLength);
    }

    /** The defaults of {@code reference.conf}. */
    public static GptConfig defaults() {
        return new GptConfig(DeviceChoice.AUTO, 4, 4, 128, 128, 0.1, true, 32, 5, 1e-3, 1, 0.05, 1.0, 0, "", 2000, 0, false);
    }
}
