package dev.genlab.spi;

/** A generative model: learns from data and samples synthetic data. */
public interface ModelPlugin extends Plugin {
    /**
     * The implementation, built per run with constructor injection: its {@code @Inject} (or only public)
     * constructor may take the plugin's config record.
     */
    Class<? extends GenerativeModel> modelClass();
}
