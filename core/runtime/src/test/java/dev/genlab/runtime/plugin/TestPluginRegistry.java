package dev.genlab.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.UserException;
import dev.genlab.spi.ModelPlugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery on the classpath and in plugin directories, with plugin jars compiled and packed by the test itself. */
class TestPluginRegistry {
    @TempDir
    Path dir;

    @Test
    void findsClasspathPlugins() {
        PluginRegistry registry = PluginRegistry.discover(List.of());
        assertEquals(List.of("bootstrap"), registry.names(PluginKind.MODEL));
        assertEquals(List.of("toy"), registry.names(PluginKind.DATASET));
        PluginDescriptor toy = registry.find(PluginKind.DATASET, "toy");
        assertEquals(200, toy.defaults().getInt("rows"));
        assertEquals(" Number of rows to generate.", toy.defaults().getValue("rows").origin().comments().get(0));
    }

    @Test
    void loadsAPluginJarFromADirectoryInItsOwnClassLoader() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginJar(plugins.resolve("echo-plugin.jar"), "echo", "genlab.model.echo {\n  # how loud\n  volume = 3\n}\n", true);
        PluginRegistry registry = PluginRegistry.discover(List.of(plugins));
        PluginDescriptor echo = registry.find(PluginKind.MODEL, "echo");
        assertNotNull(echo, registry.names(PluginKind.MODEL).toString());
        assertTrue(echo.origin().endsWith("echo-plugin.jar"), echo.origin());
        assertEquals(3, echo.defaults().getInt("volume"));
        ClassLoader loader = echo.plugin().getClass().getClassLoader();
        assertNotSame(getClass().getClassLoader(), loader);
        // the plugin shares the SPI with genlab, but not genlab's other libraries
        assertEquals(ModelPlugin.class, loader.loadClass(ModelPlugin.class.getName()));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.google.inject.Guice"));
        assertTrue(registry.find(PluginKind.MODEL, "bootstrap") != null, "classpath plugins are still there");
    }

    @Test
    void duplicateNamesNameBothJars() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginJar(plugins.resolve("a.jar"), "twin", "", true);
        pluginJar(plugins.resolve("b.jar"), "twin", "", true);
        UserException e = assertThrows(UserException.class, () -> PluginRegistry.discover(List.of(plugins)));
        assertTrue(e.getMessage().startsWith("two model plugins are named 'twin': "), e.getMessage());
        assertTrue(e.getMessage().contains(plugins.resolve("a.jar").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(plugins.resolve("b.jar").toString()), e.getMessage());
    }

    @Test
    void brokenPluginsAreWarningsNamingTheJar() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginJar(plugins.resolve("good.jar"), "good", "", true);
        pluginJar(plugins.resolve("no-services.jar"), "lost", "", false);
        pluginJar(plugins.resolve("bad-conf.jar"), "badconf", "genlab.model.badconf { volume = [1, \n", true);
        Files.writeString(plugins.resolve("not-a-plugin.txt"), "ignored");
        PluginRegistry registry = PluginRegistry.discover(List.of(plugins));
        assertNotNull(registry.find(PluginKind.MODEL, "good"));
        assertEquals(null, registry.find(PluginKind.MODEL, "lost"));
        assertEquals(null, registry.find(PluginKind.MODEL, "badconf"));
        List<String> w = registry.warnings();
        assertTrue(w.stream().anyMatch(s -> s.equals(plugins.resolve("no-services.jar") + " has no META-INF/services entry for a genlab plugin"
                + " (dev.genlab.spi.ModelPlugin, DatasetPlugin or MetricPlugin); it was ignored")), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.startsWith("model plugin 'badconf' in " + plugins.resolve("bad-conf.jar") + " has a bad reference.conf: ")), w.toString());
    }

    @Test
    void aPluginWhoseConstructorThrowsDoesNotTakeOthersDown() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginJar(plugins.resolve("boom.jar"), "boom", "", true, "public BoomPlugin() { throw new IllegalStateException(\"no licence file\"); }");
        pluginJar(plugins.resolve("fine.jar"), "fine", "", true);
        PluginRegistry registry = PluginRegistry.discover(List.of(plugins));
        assertNotNull(registry.find(PluginKind.MODEL, "fine"));
        assertEquals(null, registry.find(PluginKind.MODEL, "boom"));
        assertTrue(registry.warnings().contains("cannot load a model plugin from " + plugins.resolve("boom.jar")
                + ": IllegalStateException: no licence file"), registry.warnings().toString());
    }

    @Test
    void aPluginForANewerSpiIsRefusedClearly() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginJar(plugins.resolve("future.jar"), "future", "", true, "@Override public int spiVersion() { return 99; }");
        PluginRegistry registry = PluginRegistry.discover(List.of(plugins));
        assertEquals(null, registry.find(PluginKind.MODEL, "future"));
        assertTrue(registry.warnings().contains("model plugin 'future' in " + plugins.resolve("future.jar") + " was built for genlab SPI version 99,"
                + " but this genlab provides version 1; upgrade genlab or use a plugin built for SPI 1; it was ignored"), registry.warnings().toString());
    }

    /**
     * Plugins compiled against a real SPI whose version is 2 (this SPI's sources with the constant raised), with and
     * without overriding {@code spiVersion()}: the version genlab-spi's processor recorded in the jar refuses both.
     */
    @Test
    void aPluginBuiltAgainstANewerSpiIsRefusedWhetherOrNotItOverridesSpiVersion() throws Exception {
        Path newer = spi(2);
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginJar(plugins.resolve("plain.jar"), "plain", "", true, newer, true);
        pluginJar(plugins.resolve("explicit.jar"), "explicit", "", true, newer, true, "@Override public int spiVersion() { return dev.genlab.spi.SpiVersion.CURRENT; }");
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(plugins.resolve("plain.jar").toFile())) {
            assertEquals("2", new String(jar.getInputStream(jar.getJarEntry("META-INF/genlab/spi-version")).readAllBytes(), StandardCharsets.UTF_8).trim(),
                    "the processor in the SPI recorded the version the plugin was compiled against");
        }
        PluginRegistry registry = PluginRegistry.discover(List.of(plugins));
        for (String name : List.of("plain", "explicit")) {
            assertEquals(null, registry.find(PluginKind.MODEL, name), name);
            String why = "model plugin '" + name + "' in " + plugins.resolve(name + ".jar") + " was built for genlab SPI version 2,"
                    + " but this genlab provides version 1; upgrade genlab or use a plugin built for SPI 1";
            assertTrue(registry.warnings().contains(why + "; it was ignored"), registry.warnings().toString());
            assertEquals(why, registry.refused(PluginKind.MODEL, name));
        }
    }

    /** A plugin built against an older SPI (recorded 0), and one built before versions were recorded, both load. */
    @Test
    void pluginsBuiltAgainstAnOlderSpiOrBeforeTheVersionWasRecordedLoad() throws Exception {
        Path older = spi(0);
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginJar(plugins.resolve("old.jar"), "old", "", true, older, true);
        pluginJar(plugins.resolve("unmarked.jar"), "unmarked", "", true, null, false);
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(plugins.resolve("unmarked.jar").toFile())) {
            assertEquals(null, jar.getJarEntry("META-INF/genlab/spi-version"));
        }
        PluginRegistry registry = PluginRegistry.discover(List.of(plugins));
        assertNotNull(registry.find(PluginKind.MODEL, "old"), registry.warnings().toString());
        assertNotNull(registry.find(PluginKind.MODEL, "unmarked"), registry.warnings().toString());
        assertEquals(List.of(), registry.warnings());
    }

    private Path spi(int version) throws Exception {
        return PluginJars.spi(Path.of("../spi/src/main/java").toAbsolutePath().normalize(), dir, version);
    }

    private void pluginJar(Path jar, String name, String referenceConf, boolean withServiceFile, String... extraMembers) throws Exception {
        pluginJar(jar, name, referenceConf, withServiceFile, null, true, extraMembers);
    }

    /** A model plugin compiled against {@code spi} (null: this genlab's), with annotation processing on or off. */
    private void pluginJar(Path jar, String name, String referenceConf, boolean withServiceFile, Path spi, boolean processing,
            String... extraMembers) throws Exception {
        String pkg = "ext." + name;
        String cls = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Plugin";
        String source = "package " + pkg + ";\n"
                + "public class " + cls + " implements dev.genlab.spi.ModelPlugin {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String description() { return \"test plugin\"; }\n"
                + "  public java.util.Set<dev.genlab.spi.Modality> modalities() { return java.util.Set.of(dev.genlab.spi.Modality.TABULAR); }\n"
                + "  public Class<? extends dev.genlab.spi.GenerativeModel> modelClass() { return null; }\n"
                + String.join("\n", extraMembers) + "\n}\n";
        Path classes = PluginJars.compile(dir, jar.getFileName().toString(), Map.of(pkg + "." + cls, source),
                spi == null ? PluginJars.spi() : List.of(spi), processing);
        Map<String, String> resources = new java.util.HashMap<>();
        if (withServiceFile) {
            resources.put("META-INF/services/dev.genlab.spi.ModelPlugin", pkg + "." + cls + "\n");
        }
        if (!referenceConf.isEmpty()) {
            resources.put("reference.conf", referenceConf);
        }
        PluginJars.jar(jar, classes, resources);
    }
}
