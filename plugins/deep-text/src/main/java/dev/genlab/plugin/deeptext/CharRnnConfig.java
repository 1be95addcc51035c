package dev.genlab.plugin.deeptext;

import static dev.genlab.plugin.djl.ConfigChecks.atLeast;
import static dev.genlab.plugin.djl.ConfigChecks.between;
import static dev.genlab.plugin.djl.ConfigChecks.fraction;
import static dev.genlab.plugin.djl.ConfigChecks.nonNegative;
import static dev.genlab.plugin.djl.ConfigChecks.notNull;
import static dev.genlab.plugin.djl.ConfigChecks.positive;

import dev.genlab.plugin.djl.DeviceChoice;

/**
 * Settings of the {@code char-rnn} model; defaults in {@code reference.conf} under {@code genlab.model.char-rnn}.
 *
 * @param device          auto, cpu or gpu
 * @param cell            lstm or gru
 * @param layers          stacked recurrent layers
 * @param hidden          units per recurrent layer
 * @param embeddingDim    size of a character's learned embedding
 * @param dropout         dropout rate on the embeddings, between layers and before the output layer
 * @param sequenceLength  characters per truncated back-propagation-through-time segment
 * @param batchSize       parallel segments per step
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
public record CharRnnConfig(
        DeviceChoice device,
        RnnCell cell,
        int layers,
        int hidden,
        int embeddingDim,
        double dropout,
        int sequenceLength,
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

    public CharRnnConfig {
        notNull("device", device, "auto, cpu, gpu");
        notNull("cell", cell, "lstm, gru");
        between("layers", layers, 1, 16);
        between("hidden", hidden, 1, 65536);
        between("embedding-dim", embeddingDim, 1, 65536);
        fraction("dropout", dropout);
        atLeast("sequence-length", sequenceLength, 1);
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
    public static CharRnnConfig defaults() {
        return new CharRnnConfig(DeviceChoice.AUTO, RnnCell.LSTM, 2, 256, 64, 0.1, 100, 64, 5, 2e-3, 5, 0.05,
                1.0, 0, "", 2000, 0, false);
    }
}
