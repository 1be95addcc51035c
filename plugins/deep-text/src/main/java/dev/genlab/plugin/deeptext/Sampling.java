package dev.genlab.plugin.deeptext;

import dev.genlab.plugin.djl.ConfigChecks;
import dev.genlab.spi.PluginConfigException;
import java.util.Objects;

/**
 * How a fitted model writes documents; the same four keys in every model's config. They are read from the config
 * in force when sampling (not saved with the model), so a saved model can be re-sampled hotter or colder.
 *
 * @param temperature logits are divided by it before the softmax: below 1 is more conservative, above 1 wilder
 * @param topK        draw only among the k most likely tokens; 0 = all
 * @param prompt      every document starts with this text, and the model continues it
 * @param maxLength   a document stops at this many characters (prompt included) if the model has not ended it
 */
record Sampling(double temperature, int topK, String prompt, int maxLength) {
    Sampling {
        ConfigChecks.positive("temperature", temperature);
        ConfigChecks.atLeast("top-k", topK, 0);
        Objects.requireNonNull(prompt, "prompt is null");
        ConfigChecks.atLeast("max-length", maxLength, 1);
        int promptLength = prompt.codePointCount(0, prompt.length());
        if (maxLength <= promptLength) {
            throw new PluginConfigException("max-length", "must be longer than the prompt (" + promptLength
                    + " characters) so the model can add to it, was " + maxLength);
        }
    }
}
