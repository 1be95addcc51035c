package dev.genlab.plugin.text;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code perplexity} metric.
 *
 * @param maxDocuments most held-out documents scored (a seeded subsample beyond, the same for model and baseline);
 *                     0 = all
 */
public record PerplexityConfig(int maxDocuments) {
    public PerplexityConfig {
        if (maxDocuments < 0) {
            throw new PluginConfigException("max-documents", "must be 0 (all held-out documents) or positive, got " + maxDocuments);
        }
    }
}
