package dev.genlab.runtime.config;

import com.typesafe.config.Config;
import dev.genlab.runtime.plugin.PluginDescriptor;
import java.util.Objects;

/**
 * A plugin as an experiment uses it.
 *
 * @param descriptor the plugin
 * @param config     its bound config record
 * @param path       where it is configured, e.g. {@code model} or {@code metrics[2]}
 * @param name       the instance name (the metric's {@code name}, else the plugin's), used to prefix its results
 * @param block      the user's block (for locating later errors in the file)
 */
public record PluginSpec(PluginDescriptor descriptor, Record config, String path, String name, Config block) {
    public PluginSpec {
        Objects.requireNonNull(descriptor, "descriptor is null");
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(block, "block is null");
    }

    public String type() {
        return descriptor.name();
    }
}
