package dev.genlab.spi;

/**
 * Where {@link Metric#check}, {@link GenerativeModel#check} and {@link Dataset#check} report what in the experiment does not fit the data. The runtime locates each problem
 * in the experiment file ({@code file:line: key path: message}) and reports all of them before anything trains.
 */
public interface DataProblems {
    /** A setting of the plugin's own block ({@code key} relative to it, e.g. {@code privileged-groups}) does not fit the data. */
    void setting(String key, String message);

    /**
     * A dataset setting the plugin depends on ({@code key} relative to the dataset block: {@code target} or
     * {@code sensitive}) is missing or does not fit what the plugin needs.
     */
    void dataset(String key, String message);

    /** Problems that throw the first one as a {@link PluginConfigException}, for a plugin checking again as it runs. */
    static DataProblems throwing() {
        return new DataProblems() {
            @Override
            public void setting(String key, String message) {
                throw new PluginConfigException(key, message);
            }

            @Override
            public void dataset(String key, String message) {
                throw new PluginConfigException(key, message);
            }
        };
    }
}
