package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.spi.Plugin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks every plugin must pass: discoverable, well named, described, defaults complete and documented. */
public abstract class PluginContract {
    /** A new instance of the plugin descriptor under test. */
    protected abstract Plugin plugin();

    /**
     * HOCON settings over the plugin's defaults for these tests: required keys, and small sizes (e.g.
     * {@code "epochs = 2"}).
     */
    protected String settings() {
        return "";
    }

    protected final PluginDescriptor descriptor() {
        Plugin p = plugin();
        return PluginHarness.descriptor(PluginHarness.kindOf(p), p.name());
    }

    @Test
    public void isDiscoveredThroughServiceLoader() {
        PluginDescriptor d = descriptor();
        assertEquals(plugin().getClass(), d.plugin().getClass(), "the service file names this descriptor class");
    }

    @Test
    public void isNamedAndDescribed() {
        Plugin p = plugin();
        assertTrue(p.name().matches("[a-z0-9][a-z0-9-]*"), "name '" + p.name() + "' must be lower-case letters, digits and '-'");
        assertFalse(p.description() == null || p.description().isBlank(), "a description for 'genlab plugins'");
        assertFalse(p.modalities().isEmpty(), "the modalities it handles");
    }

    @Test
    public void defaultsBindToTheConfigRecord() {
        PluginHarness.config(descriptor(), settings());
    }

    @Test
    public void everyDefaultIsAKeyOfTheRecordAndDocumented() {
        PluginDescriptor d = descriptor();
        List<String> keys = RecordBinder.keys(d.plugin().configClass());
        List<String> undocumented = new ArrayList<>();
        for (String key : d.defaults().root().keySet()) {
            assertTrue(keys.contains(key), "reference.conf key '" + key + "' is not a component of " + d.plugin().configClass().getName() + " " + keys);
            if (d.defaults().root().get(key).origin().comments().isEmpty()) {
                undocumented.add(key);
            }
        }
        assertEquals(List.of(), undocumented, "each default needs a '#' comment above it (shown by 'genlab plugins')");
    }
}
