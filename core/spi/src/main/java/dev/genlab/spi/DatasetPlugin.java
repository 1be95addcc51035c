package dev.genlab.spi;

/** A source of real data. */
public interface DatasetPlugin extends Plugin {
    /** The implementation, built with constructor injection like {@link ModelPlugin#modelClass()}. */
    Class<? extends Dataset> datasetClass();
}
