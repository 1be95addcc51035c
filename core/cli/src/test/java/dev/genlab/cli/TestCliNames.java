package dev.genlab.cli;

import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.runtime.plugin.PluginRegistry;
import java.util.List;

/** The plugin names the CLI tests expect in messages: whatever this distribution bundles. */
final class TestCliNames {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover(List.of());
    static final String MODELS = String.join(", ", REGISTRY.names(PluginKind.MODEL));
    static final String METRICS = String.join(", ", REGISTRY.names(PluginKind.METRIC));

    private TestCliNames() {
    }
}
