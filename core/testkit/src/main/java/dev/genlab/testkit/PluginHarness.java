package dev.genlab.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.wiring.PluginFactory;
import dev.genlab.spi.Plugin;
import java.util.List;

/**
 * Builds a plugin the way genlab does in a run: found by {@link java.util.ServiceLoader}, its config bound from its
 * {@code reference.conf} defaults plus test settings (HOCON), its implementation made by Guice.
 */
public final class PluginHarness {
    private static volatile PluginRegistry registry;

    private PluginHarness() {
    }

    /** The plugins on the test classpath (discovered once). */
    public static PluginRegistry registry() {
        PluginRegistry r = registry;
        if (r == null) {
            synchronized (PluginHarness.class) {
                if (registry == null) {
                    registry = PluginRegistry.discover(List.of());
                }
                r = registry;
            }
        }
        return r;
    }

    /** The registered plugin of {@code kind} called {@code name}; fails with the names that are there. */
    public static PluginDescriptor descriptor(PluginKind kind, String name) {
        PluginDescriptor d = registry().find(kind, name);
        if (d == null) {
            throw new AssertionError("no " + kind.label() + " plugin '" + name + "' was discovered through META-INF/services/"
                    + kind.serviceType().getName() + "; found: " + registry().names(kind)
                    + (registry().warnings().isEmpty() ? "" : "; warnings: " + registry().warnings()));
        }
        return d;
    }

    /** Binds {@code settings} (HOCON, e.g. {@code "epochs = 2"}) over the plugin's defaults; fails listing every problem. */
    public static Record config(PluginDescriptor d, String settings) {
        Problems problems = new Problems();
        Config user = ConfigFactory.parseString(settings);
        Record config = RecordBinder.bind(d.plugin().configClass(), user, d.defaults(), d.kind().label(),
                d.kind().label() + " type '" + d.name() + "'", problems);
        if (config == null) {
            throw new AssertionError("config of " + d.kind().label() + " '" + d.name() + "' does not bind: " + problems.list());
        }
        return config;
    }

    /** The plugin's implementation built with {@code settings} over its defaults. */
    public static <T> T create(PluginDescriptor d, String settings, Class<T> type) {
        return create(registry(), d, settings, type);
    }

    /** The implementation of plugin {@code d} of {@code registry} (e.g. one loaded from its jar) built with {@code settings}. */
    public static <T> T create(PluginRegistry registry, PluginDescriptor d, String settings, Class<T> type) {
        Record config = config(d, settings);
        Problems problems = new Problems();
        PluginSpec spec = new PluginSpec(d, config, d.kind().label(), d.name(), ConfigFactory.parseString(settings));
        T instance = new PluginFactory(registry).create(spec, type, problems);
        if (instance == null) {
            throw new AssertionError(d.kind().label() + " '" + d.name() + "' rejected its config: " + problems.list());
        }
        return instance;
    }

    /** Kind of a plugin instance. */
    static PluginKind kindOf(Plugin plugin) {
        for (PluginKind k : PluginKind.values()) {
            if (k.serviceType().isInstance(plugin)) {
                return k;
            }
        }
        throw new AssertionError(plugin.getClass().getName() + " is not a model, dataset or metric plugin");
    }
}
