package dev.genlab.spi;

import java.util.Set;

/**
 * What every plugin descriptor says about itself. Implementations are found with
 * {@link java.util.ServiceLoader}, so they need a public no-argument constructor and a
 * {@code META-INF/services} entry for their kind ({@link ModelPlugin}, {@link DatasetPlugin} or
 * {@link MetricPlugin}).
 */
public interface Plugin {
    /** Unique name within the plugin's kind, used as {@code type} in experiment files: lower-case, digits, '-'. */
    String name();

    /** One sentence for {@code genlab plugins}. */
    String description();

    /** The data this plugin handles. */
    Set<Modality> modalities();

    /**
     * The plugin's config record. Its components are bound from the experiment file (kebab-case keys:
     * component {@code batchSize} is key {@code batch-size}) over the defaults in the plugin's
     * {@code reference.conf} at {@code genlab.<kind>.<name>}; a comment above a default is its description.
     */
    default Class<? extends Record> configClass() {
        return NoConfig.class;
    }

    /**
     * The SPI version this plugin was compiled against. Leave the default: the constant is inlined at compile
     * time, which is how the runtime tells a plugin built for a newer SPI.
     */
    default int spiVersion() {
        return SpiVersion.CURRENT;
    }
}
