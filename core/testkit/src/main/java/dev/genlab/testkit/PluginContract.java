package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.config.ExperimentLoader;
import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginFailure;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks every plugin must pass: discoverable, well named, described, defaults complete and documented. */
public abstract class PluginContract {
    /** Set by genlab's own build for the plugins it bundles, which never run from a plugin directory. */
    static final String BUNDLED = "genlab.testkit.bundled";

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

    /**
     * Jars that ship beside the plugin's own in its sub-directory of a plugin directory: its dependencies, unless they
     * are shaded into its jar. None by default (a thin jar), so a dependency the plugin uses but does not ship fails
     * {@link #runsFromItsJarInGenlabsOwnClassLoader} as it would fail a run.
     */
    protected List<Path> shippedJars() {
        return List.of();
    }

    /**
     * The plugin's own jar: by default its classes (where its descriptor class was loaded from, {@code target/classes}
     * in Maven's test phase) packed as a jar. A plugin shipped as a shaded jar returns that jar here and runs the
     * contract after {@code package} (maven-failsafe-plugin).
     */
    protected Path pluginJar(Path directory) throws IOException {
        return PluginPackaging.jar(PluginPackaging.locationOf(plugin().getClass()), directory.resolve(plugin().name() + ".jar"));
    }

    /**
     * What the contract does with the plugin as genlab loaded it from its jar, in its own class loader: fit and sample
     * a model, load a dataset, evaluate a metric. {@code registry} holds only that plugin.
     */
    protected abstract void exercise(PluginRegistry registry, PluginDescriptor isolated, Path workDirectory) throws Exception;

    /**
     * The plugin as genlab runs it from a plugin directory: its jar (and {@link #shippedJars()}) in a sub-directory,
     * loaded in a class loader that shares only the SPI with genlab, then exercised. A class the plugin needs but does
     * not ship fails here, naming it and how to ship it.
     */
    @TestFactory
    public Stream<DynamicTest> runsFromItsJarInGenlabsOwnClassLoader(@TempDir Path work) {
        // A plugin bundled with genlab runs on genlab's class path, never from a plugin directory (BUNDLED is set by
        // genlab's own build): for it this check does not exist, rather than being reported as skipped.
        if (Boolean.getBoolean(BUNDLED)) {
            return Stream.empty();
        }
        return Stream.of(DynamicTest.dynamicTest("runsFromItsJarInGenlabsOwnClassLoader", () -> runFromJar(work)));
    }

    void runFromJar(Path work) throws Exception {
        Path unit = Files.createDirectories(work.resolve("plugins").resolve(plugin().name()));
        pluginJar(unit);
        for (Path jar : shippedJars()) {
            Files.copy(jar, unit.resolve(jar.getFileName().toString()));
        }
        PluginRegistry isolated = PluginRegistry.discoverDirectories(PluginContract.class.getClassLoader(), List.of(work.resolve("plugins")));
        PluginKind kind = PluginHarness.kindOf(plugin());
        PluginDescriptor d = isolated.find(kind, plugin().name());
        assertNotNull(d, "genlab did not load " + kind.label() + " '" + plugin().name() + "' from " + unit + ": " + isolated.warnings());
        assertNotSame(plugin().getClass(), d.plugin().getClass(), "the plugin came from its own class loader, not the test's class path");
        try {
            exercise(isolated, d, Files.createDirectories(work.resolve("work")));
        } catch (AssertionError e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new AssertionError(PluginFailure.of(d, "the contract's run from its jar", e).getMessage(), e);
        }
    }

    /** genlab-spi's annotation processor recorded the SPI version the plugin was compiled against, as genlab checks it. */
    @Test
    public void recordsTheSpiVersionItWasBuiltAgainst() throws IOException {
        Path location = PluginPackaging.locationOf(plugin().getClass());
        assertEquals(String.valueOf(SpiVersion.CURRENT), PluginPackaging.recordedSpiVersion(location), "no " + SpiVersion.RESOURCE
                + " (or another version) in " + location + ": genlab-spi's annotation processor did not run when the plugin was"
                + " compiled. Keep annotation processing on (no -proc:none), and if the build lists annotationProcessorPaths,"
                + " add dev.genlab:genlab-spi to them");
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

    /**
     * No setting is named like a key genlab reads itself from the plugin's block ({@code type}; {@code target} and
     * {@code sensitive} for datasets; {@code name} for metrics): such a setting could never be set.
     */
    @Test
    public void usesNoReservedKey() {
        PluginKind kind = PluginHarness.kindOf(plugin());
        List<String> clashes = new ArrayList<>(RecordBinder.keys(plugin().configClass()));
        clashes.retainAll(ExperimentLoader.reservedKeys(kind));
        assertEquals(List.of(), clashes, "settings of " + plugin().configClass().getName() + " named like keys genlab reserves in a "
                + kind.label() + " block " + new java.util.TreeSet<>(ExperimentLoader.reservedKeys(kind)) + "; rename them");
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
