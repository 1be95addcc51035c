package dev.genlab.runtime.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.genlab.spi.Plugin;
import java.util.Objects;

/**
 * A discovered plugin: its descriptor, kind, where it came from and its defaults.
 *
 * @param origin  the jar or directory it was loaded from ("classpath: <jar>" for bundled plugins)
 * @param version the plugin's version (its jar's Implementation-Version, else "unknown")
 * @param defaults the plugin's block of its {@code reference.conf} ({@code genlab.<kind>.<name>}), possibly empty
 */
public record PluginDescriptor(PluginKind kind, Plugin plugin, String origin, String version, Config defaults) {
    public PluginDescriptor {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(plugin, "plugin is null");
        Objects.requireNonNull(origin, "origin is null");
        Objects.requireNonNull(version, "version is null");
        Objects.requireNonNull(defaults, "defaults is null");
    }

    public String name() {
        return plugin.name();
    }

    /** Reads the defaults from the plugin's own class loader, so plugins in directories see their own file. */
    static Config readDefaults(PluginKind kind, Plugin plugin) {
        ClassLoader loader = plugin.getClass().getClassLoader();
        Config reference = ConfigFactory.parseResourcesAnySyntax(loader, "reference.conf",
                ConfigParseOptions.defaults().setClassLoader(loader).setAllowMissing(true));
        String path = kind.referencePath(plugin.name());
        return reference.hasPath(path) ? reference.getConfig(path) : ConfigFactory.empty();
    }
}
