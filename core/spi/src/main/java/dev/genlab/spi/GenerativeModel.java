package dev.genlab.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A generative model as configured for one run. */
public interface GenerativeModel {
    /**
     * Learns from {@code train}, whose modality the runtime has already checked against the plugin's
     * {@link Plugin#modalities()}. Report per-step metrics and progress through {@code context}, take every
     * random choice from {@link PluginContext#random(String)}, and stop early when
     * {@link PluginContext#isCancelled()}.
     */
    FittedModel fit(Data train, TrainingContext context) throws IOException;

    /**
     * Whether the model fitted on {@code train} will sample on conditions ({@code sample.conditions}): the runtime
     * asks before training, so an experiment that asks a model for what it cannot do fails at once, not after the
     * training. The default says yes and leaves the answer to {@link FittedModel#supportsConditions()}.
     */
    default boolean supportsConditions(Data train) {
        return true;
    }

    /**
     * Checks this model's settings against the training data before anything trains, so {@code genlab validate}
     * reports them located in the experiment file ({@code file:line: model.key: message}): a column a setting names, a
     * size the data cannot give (a batch larger than the training rows). {@code train} is the training part of the
     * split with the experiment's roles. Report a problem with one of the model's settings as
     * {@link DataProblems#setting}, one with the dataset's roles as {@link DataProblems#dataset}. The default finds
     * nothing to check.
     */
    default void check(Data train, DataProblems problems) {
    }

    /**
     * {@link #check(Data, DataProblems)} for a model that also needs the public domain the run's dataset declares
     * ({@link Dataset#publicDomain()}; empty when it declares none), e.g. to refuse a dataset without one before
     * anything runs. The default ignores the domain and calls {@link #check(Data, DataProblems)}; the runtime calls
     * this one.
     */
    default void check(Data train, Optional<PublicDomain> publicDomain, DataProblems problems) {
        check(train, problems);
    }

    /** Reads a model written by {@link FittedModel#save(Path)}. */
    FittedModel load(Path directory) throws IOException;
}
