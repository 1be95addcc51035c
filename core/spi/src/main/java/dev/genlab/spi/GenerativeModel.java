package dev.genlab.spi;

import java.io.IOException;
import java.nio.file.Path;

/** A generative model as configured for one run. */
public interface GenerativeModel {
    /**
     * Learns from {@code train}, whose modality the runtime has already checked against the plugin's
     * {@link Plugin#modalities()}. Report per-step metrics and progress through {@code context}, take every
     * random choice from {@link PluginContext#random(String)}, and stop early when
     * {@link PluginContext#isCancelled()}.
     */
    FittedModel fit(Data train, TrainingContext context) throws IOException;

    /** Reads a model written by {@link FittedModel#save(Path)}. */
    FittedModel load(Path directory) throws IOException;
}
