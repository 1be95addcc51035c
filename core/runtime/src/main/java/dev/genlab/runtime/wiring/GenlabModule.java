package dev.genlab.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.ModelPlugin;

/**
 * The run's root bindings: the registry and one {@code MapBinder<String, XPlugin>} per plugin kind, keyed by
 * name. Plugin implementations are built in child injectors ({@link PluginFactory}), one per configured instance,
 * so two metrics of one type can have different configs.
 */
public final class GenlabModule extends AbstractModule {
    private final PluginRegistry registry;

    public GenlabModule(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(PluginRegistry.class).toInstance(registry);
        MapBinder<String, ModelPlugin> models = MapBinder.newMapBinder(binder(), String.class, ModelPlugin.class);
        MapBinder<String, DatasetPlugin> datasets = MapBinder.newMapBinder(binder(), String.class, DatasetPlugin.class);
        MapBinder<String, MetricPlugin> metrics = MapBinder.newMapBinder(binder(), String.class, MetricPlugin.class);
        for (PluginDescriptor d : registry.all(PluginKind.MODEL)) {
            models.addBinding(d.name()).toInstance((ModelPlugin) d.plugin());
        }
        for (PluginDescriptor d : registry.all(PluginKind.DATASET)) {
            datasets.addBinding(d.name()).toInstance((DatasetPlugin) d.plugin());
        }
        for (PluginDescriptor d : registry.all(PluginKind.METRIC)) {
            metrics.addBinding(d.name()).toInstance((MetricPlugin) d.plugin());
        }
    }
}
