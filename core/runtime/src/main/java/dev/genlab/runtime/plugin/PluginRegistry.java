package dev.genlab.runtime.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.genlab.runtime.UserException;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.SpiVersion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every plugin genlab can use: those on the classpath, plus those in plugin directories, each jar (or each
 * sub-directory of jars) in a class loader of its own that shares only the SPI with genlab.
 */
public final class PluginRegistry {
    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

    private final Map<PluginKind, Map<String, PluginDescriptor>> plugins;
    private final Map<PluginKind, Map<String, String>> refused;
    private final List<String> warnings;
    private final List<String> searched;

    private PluginRegistry(Map<PluginKind, Map<String, PluginDescriptor>> plugins, Map<PluginKind, Map<String, String>> refused,
            List<String> warnings, List<String> searched) {
        this.plugins = plugins;
        this.refused = new EnumMap<>(PluginKind.class);
        refused.forEach((k, v) -> this.refused.put(k, Map.copyOf(v)));
        this.warnings = List.copyOf(warnings);
        this.searched = List.copyOf(searched);
    }

    /**
     * Discovers plugins on {@code classLoader} and in {@code pluginDirectories}. A plugin that fails to load is a
     * warning naming its jar; two plugins of one kind with one name is an error naming both origins.
     */
    public static PluginRegistry discover(ClassLoader classLoader, List<Path> pluginDirectories) {
        return discover(classLoader, pluginDirectories, true);
    }

    /**
     * Only the plugins in {@code pluginDirectories}, each unit in its own class loader over {@code genlab}: how the
     * testkit runs a plugin from its jar while the same classes are on the test's class path.
     */
    public static PluginRegistry discoverDirectories(ClassLoader genlab, List<Path> pluginDirectories) {
        return discover(genlab, pluginDirectories, false);
    }

    private static PluginRegistry discover(ClassLoader classLoader, List<Path> pluginDirectories, boolean classpath) {
        Map<PluginKind, Map<String, PluginDescriptor>> found = new EnumMap<>(PluginKind.class);
        List<String> warnings = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        Map<PluginKind, Map<String, String>> refused = new EnumMap<>(PluginKind.class);
        List<String> searched = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            found.put(kind, new TreeMap<>());
        }
        if (classpath) {
            searched.add("the classpath");
            for (PluginKind kind : PluginKind.values()) {
                load(kind, classLoader, null, found, refused, warnings, conflicts);
            }
        }
        for (Path directory : pluginDirectories) {
            searched.add(directory.toString());
            if (!Files.isDirectory(directory)) {
                warnings.add("plugin directory " + directory + " does not exist or is not a directory");
                continue;
            }
            for (Path unit : pluginUnits(directory, warnings)) {
                PluginClassLoader loader;
                try {
                    loader = PluginClassLoader.forUnit(unit, classLoader);
                } catch (IOException e) {
                    warnings.add("cannot read plugin " + unit + ": " + e.getMessage());
                    continue;
                }
                int before = count(found);
                for (PluginKind kind : PluginKind.values()) {
                    load(kind, loader, unit.toString(), found, refused, warnings, conflicts);
                }
                if (count(found) == before && !loader.hasServiceFile()) {
                    warnings.add(unit + " has no META-INF/services entry for a genlab plugin"
                            + " (dev.genlab.spi.ModelPlugin, DatasetPlugin or MetricPlugin); it was ignored");
                }
            }
        }
        if (!conflicts.isEmpty()) {
            throw new UserException(String.join("\n", conflicts));
        }
        for (String w : warnings) {
            log.warn(w);
        }
        Map<PluginKind, Map<String, PluginDescriptor>> frozen = new EnumMap<>(PluginKind.class);
        found.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        return new PluginRegistry(frozen, refused, warnings, searched);
    }

    /** Plugins on the class path of this class, plus those in {@code pluginDirectories}. */
    public static PluginRegistry discover(List<Path> pluginDirectories) {
        return discover(PluginRegistry.class.getClassLoader(), pluginDirectories);
    }

    private static int count(Map<PluginKind, Map<String, PluginDescriptor>> found) {
        return found.values().stream().mapToInt(Map::size).sum();
    }

    /** Each jar directly in {@code directory}, and each sub-directory (its jars share one loader). */
    static List<Path> pluginUnits(Path directory, List<String> warnings) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            warnings.add("cannot list plugin directory " + directory + ": " + e.getMessage());
            return List.of();
        }
    }

    private static void load(PluginKind kind, ClassLoader loader, String unit, Map<PluginKind, Map<String, PluginDescriptor>> found,
            Map<PluginKind, Map<String, String>> refused, List<String> warnings, List<String> conflicts) {
        Iterator<? extends Plugin> it = ServiceLoader.load(kind.serviceType(), loader).iterator();
        while (true) {
            Plugin plugin;
            try {
                if (!it.hasNext()) {
                    break;
                }
                plugin = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                warnings.add("cannot load a " + kind.label() + " plugin" + (unit == null ? "" : " from " + unit) + ": " + rootMessage(e));
                continue;
            }
            String origin = originOf(plugin.getClass());
            if (unit != null && !origin.startsWith(unit)) {
                // A plugin directory's loader also sees the parent's plugins through the SPI: skip those.
                if (isFromParent(plugin, loader)) {
                    continue;
                }
            }
            register(kind, plugin, origin, found, refused, warnings, conflicts);
        }
    }

    private static boolean isFromParent(Plugin plugin, ClassLoader loader) {
        return plugin.getClass().getClassLoader() != loader;
    }

    private static void register(PluginKind kind, Plugin plugin, String origin, Map<PluginKind, Map<String, PluginDescriptor>> found,
            Map<PluginKind, Map<String, String>> refused, List<String> warnings, List<String> conflicts) {
        String name;
        try {
            name = plugin.name();
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
                warnings.add(kind.label() + " plugin " + plugin.getClass().getName() + " in " + origin
                        + " has an invalid name '" + name + "' (lower-case letters, digits and '-'); it was ignored");
                return;
            }
            // the version recorded in the jar at build time holds for a plugin that leaves spiVersion() at its default,
            // whose body then comes from this genlab's own SPI
            int builtFor = Math.max(plugin.spiVersion(), SpiVersionMark.of(plugin.getClass()).orElse(0));
            if (builtFor > SpiVersion.CURRENT) {
                String why = kind.label() + " plugin '" + name + "' in " + origin + " was built for genlab SPI version "
                        + builtFor + ", but this genlab provides version " + SpiVersion.CURRENT
                        + "; upgrade genlab or use a plugin built for SPI " + SpiVersion.CURRENT;
                warnings.add(why + "; it was ignored");
                refused.computeIfAbsent(kind, k -> new TreeMap<>()).put(name, why);
                return;
            }
            kind.implementation(plugin);
            plugin.configClass();
        } catch (RuntimeException | LinkageError e) {
            warnings.add(kind.label() + " plugin " + plugin.getClass().getName() + " in " + origin + " is broken: " + rootMessage(e));
            return;
        }
        Config defaults;
        try {
            defaults = PluginDescriptor.readDefaults(kind, plugin);
        } catch (ConfigException e) {
            warnings.add(kind.label() + " plugin '" + name + "' in " + origin + " has a bad reference.conf: " + e.getMessage()
                    + "; it was ignored");
            return;
        }
        PluginDescriptor descriptor = new PluginDescriptor(kind, plugin, origin, versionOf(plugin.getClass()), defaults);
        PluginDescriptor existing = found.get(kind).get(name);
        if (existing != null) {
            if (existing.origin().equals(origin) && existing.plugin().getClass() == plugin.getClass()) {
                return; // the same jar seen twice (e.g. through two class loaders)
            }
            conflicts.add("two " + kind.label() + " plugins are named '" + name + "': " + existing.plugin().getClass().getName()
                    + " in " + existing.origin() + " and " + plugin.getClass().getName() + " in " + origin
                    + "; remove one of the jars");
            return;
        }
        found.get(kind).put(name, descriptor);
        log.debug("registered {} '{}' ({} {})", kind.label(), name, origin, descriptor.version());
    }

    static String originOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown location";
        }
        URL url = source.getLocation();
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.toString();
        }
    }

    static String versionOf(Class<?> type) {
        Package p = type.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    public Collection<PluginDescriptor> all(PluginKind kind) {
        return plugins.get(kind).values();
    }

    /** The plugin of {@code kind} called {@code name}, or null. */
    public PluginDescriptor find(PluginKind kind, String name) {
        return plugins.get(kind).get(name);
    }

    public List<String> names(PluginKind kind) {
        return List.copyOf(plugins.get(kind).keySet());
    }

    /** Why a plugin of {@code kind} called {@code name} was found but refused (built for a newer SPI), or null. */
    public String refused(PluginKind kind, String name) {
        return refused.getOrDefault(kind, Map.of()).get(name);
    }

    /** Problems met while loading (plugins skipped); also logged. */
    public List<String> warnings() {
        return warnings;
    }

    /** Where plugins were looked for, for "nothing found" messages. */
    public List<String> searched() {
        return searched;
    }
}
