package dev.genlab.runtime.plugin;

import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.ModelPlugin;
import dev.genlab.spi.Plugin;
import java.util.Locale;

/** The three kinds of plugin, each with its service interface and its section in {@code reference.conf}. */
public enum PluginKind {
    MODEL(ModelPlugin.class),
    DATASET(DatasetPlugin.class),
    METRIC(MetricPlugin.class);

    private final Class<? extends Plugin> serviceType;

    PluginKind(Class<? extends Plugin> serviceType) {
        this.serviceType = serviceType;
    }

    public Class<? extends Plugin> serviceType() {
        return serviceType;
    }

    /** "model", "dataset", "metric". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where a plugin's defaults live in its reference.conf: {@code genlab.model.<name>}. */
    public String referencePath(String pluginName) {
        return "genlab." + label() + ".\"" + pluginName + "\"";
    }

    /** The implementation class a descriptor names. */
    public Class<?> implementation(Plugin plugin) {
        return switch (this) {
            case MODEL -> ((ModelPlugin) plugin).modelClass();
            case DATASET -> ((DatasetPlugin) plugin).datasetClass();
            case METRIC -> ((MetricPlugin) plugin).metricClass();
        };
    }
}
