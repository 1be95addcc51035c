package dev.genlab.spi;

import java.util.Objects;

/**
 * Thrown from a plugin constructor (or dataset load) when a config value is valid on its own but not usable,
 * e.g. a column name that is not in the data. The runtime locates {@code key} (relative to the plugin's block)
 * in the experiment file and reports {@code file:line: key path: message}.
 */
public class PluginConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public PluginConfigException(String key, String message) {
        super(Objects.requireNonNull(message, "message is null"));
        this.key = Objects.requireNonNull(key, "key is null");
    }

    public String key() {
        return key;
    }
}
