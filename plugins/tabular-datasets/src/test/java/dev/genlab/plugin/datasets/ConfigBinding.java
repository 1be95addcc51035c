package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.RecordBinder;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Binds settings over this module's reference.conf with the runtime's binder, as a run does. */
final class ConfigBinding {
    private ConfigBinding() {
    }

    static Config defaults(String plugin) {
        return ConfigFactory.parseResources("reference.conf").getConfig("genlab.dataset." + plugin);
    }

    /** The bound record; fails listing the problems if it does not bind. */
    static <R extends Record> R bind(Class<R> type, String plugin, String settings) {
        Problems problems = new Problems();
        R config = RecordBinder.bind(type, ConfigFactory.parseString(settings), defaults(plugin), "dataset", "dataset type '" + plugin + "'", problems);
        assertEquals(List.of(), problems.list(), "problems binding " + settings);
        return config;
    }

    /** The problems binding {@code settings}, each as {@code key.path: message}. */
    static List<String> problems(Class<? extends Record> type, String plugin, String settings) {
        Problems problems = new Problems();
        RecordBinder.bind(type, ConfigFactory.parseString(settings), defaults(plugin), "dataset", "dataset type '" + plugin + "'", problems);
        return problems.list().stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    /**
     * reference.conf holds a documented entry for every component except {@code withoutDefault}, and nothing else;
     * required and optional keys without a default appear as {@code key = null}.
     */
    static void assertDocumentedDefaults(Class<? extends Record> type, String plugin, Set<String> withoutDefault) {
        Config defaults = defaults(plugin);
        Set<String> expected = new TreeSet<>(RecordBinder.keys(type));
        expected.removeAll(withoutDefault);
        assertEquals(expected, new TreeSet<>(defaults.root().keySet()));
        for (String key : expected) {
            assertFalse(defaults.root().get(key).origin().comments().isEmpty(), "no '#' description above " + key);
        }
    }
}
