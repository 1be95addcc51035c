package dev.genlab.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.runtime.UserException;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginFailure;
import dev.genlab.runtime.plugin.PluginLinkCheck;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.util.Json;
import dev.genlab.runtime.sweep.SweepLauncherFactory;
import dev.genlab.runtime.sweep.SweepLauncherRegistry;
import dev.genlab.spi.Modality;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the installed models, datasets and metrics, and the sweep launchers, with their settings, defaults and descriptions.")
final class PluginsCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "NAME|DIR", description = "Show only plugins with this NAME; with --check, the"
            + " plugin directories to check (default: those of --plugins and GENLAB_PLUGINS).")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--check", description = "Resolve every class the plugin jars in each DIR refer to, as genlab loads them,"
            + " and list what is missing (exit 1 if anything is).")
    boolean check;

    @Mixin
    CommonOptions common;

    /** One setting of a plugin. */
    record Setting(String key, String defaultValue, String description) {
    }

    @Override
    public Integer call() {
        if (check) {
            return check();
        }
        if (arguments.size() > 1) {
            throw new UserException("genlab plugins takes one NAME, got " + arguments.size() + " (" + String.join(", ", arguments)
                    + "); to check plugin directories use --check DIR…");
        }
        String only = arguments.isEmpty() ? null : arguments.get(0);
        PluginRegistry registry = common.genlab().registry();
        List<Map<String, Object>> all = new ArrayList<>();
        List<PluginDescriptor> shown = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            for (PluginDescriptor d : registry.all(kind)) {
                if (only != null && !only.equals(d.name())) {
                    continue;
                }
                shown.add(d);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", d.name());
                p.put("kind", kind.label());
                p.put("modalities", d.plugin().modalities().stream().sorted().map(Modality::label).toList());
                p.put("description", d.plugin().description());
                p.put("version", d.version());
                p.put("origin", d.origin());
                List<Map<String, Object>> settings = new ArrayList<>();
                for (Setting s : settings(d)) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("key", s.key());
                    m.put("default", s.defaultValue());
                    m.put("description", s.description());
                    settings.add(m);
                }
                p.put("settings", settings);
                all.add(p);
            }
        }
        // where sweep trials run: listed like plugins, used as sweep.launcher { type = <name>, ... }
        List<SweepLauncherFactory<?>> launchers = new ArrayList<>();
        for (SweepLauncherFactory<?> f : SweepLauncherRegistry.discover().all()) {
            if (only != null && !only.equals(f.name())) {
                continue;
            }
            launchers.add(f);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", f.name());
            p.put("kind", "launcher");
            p.put("modalities", List.of());
            p.put("description", f.description());
            java.security.CodeSource source = f.getClass().getProtectionDomain().getCodeSource();
            p.put("version", f.getClass().getPackage().getImplementationVersion() == null ? "unknown" : f.getClass().getPackage().getImplementationVersion());
            p.put("origin", source == null || source.getLocation() == null ? "classpath" : Path.of(java.net.URI.create(source.getLocation().toString())).getFileName().toString());
            p.put("settings", settings(f.defaults(), f.settingsClass()).stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", s.key());
                m.put("default", s.defaultValue());
                m.put("description", s.description());
                return m;
            }).toList());
            all.add(p);
        }
        if (only != null && all.isEmpty()) {
            throw new UserException("no plugin named '" + only + "'"
                    + dev.genlab.runtime.config.Suggestions.didYouMean(only, allNames(registry)) + " (plugins: " + String.join(", ", allNames(registry)) + ")");
        }
        if (json) {
            System.out.println(new String(Json.bytes(all), StandardCharsets.UTF_8));
            return Main.OK;
        }
        for (Map<String, Object> p : all) {
            List<String> modalities = castList(p.get("modalities"));
            System.out.println(p.get("kind") + " " + p.get("name") + (modalities.isEmpty() ? "" : "  [" + String.join(", ", modalities) + "]") + "  "
                    + p.get("description"));
            System.out.println("    from " + p.get("origin") + " (version " + p.get("version") + ")");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> settings = (List<Map<String, Object>>) p.get("settings");
            for (Map<String, Object> s : settings) {
                String desc = (String) s.get("description");
                System.out.println("    " + s.get("key") + " = " + s.get("default") + (desc.isEmpty() ? "" : "    # " + desc));
            }
            System.out.println();
        }
        if (shown.size() == 1 && launchers.isEmpty()) {
            PluginDescriptor d = shown.get(0);
            System.out.println(usage(d.kind(), d.name(), settings(d)));
        } else if (shown.isEmpty() && launchers.size() == 1) {
            System.out.println("Use it in an experiment file as sweep { launcher { type = " + launchers.get(0).name() + ", <key> = <value> } }"
                    + " or on the command line as --set sweep.launcher.type=" + launchers.get(0).name() + ".");
        } else {
            System.out.println("Use one in an experiment file as, e.g., model { type = <name>, <key> = <value> },"
                    + " dataset { type = <name>, <key> = <value> } or metrics = [<name>, { type = <name>, <key> = <value> }];"
                    + " a launcher as sweep { launcher { type = <name>, <key> = <value> } }.");
        }
        return Main.OK;
    }

    /** How to use this plugin in an experiment file, with its first setting as the example. */
    static String usage(PluginKind kind, String name, List<Setting> settings) {
        String example = settings.isEmpty() ? "" : ", " + settings.get(0).key() + " = "
                + (settings.get(0).defaultValue().startsWith("(") ? "<value>" : settings.get(0).defaultValue());
        return switch (kind) {
            case MODEL -> "Use it in an experiment file as model { type = " + name + example + " }.";
            case DATASET -> "Use it in an experiment file as dataset { type = " + name + example + " } (with target = <column> and"
                    + " sensitive = [<column>, …] as the metrics need).";
            case METRIC -> "Use it in an experiment file as metrics = [" + name + "]"
                    + (example.isEmpty() ? "" : ", or with settings as metrics = [{ type = " + name + example + " }]") + ".";
        };
    }

    /** {@code --check}: every unit of every directory, what it lacks; exit 1 if anything. */
    private int check() {
        List<Path> directories = new ArrayList<>();
        for (String a : arguments) {
            Path d = Path.of(a);
            if (!Files.isDirectory(d)) {
                throw new UserException("--check " + a + ": " + (Files.exists(d) ? "not a directory" : "no such directory")
                        + " (looked for " + d.toAbsolutePath().normalize() + "); name a directory of plugin jars");
            }
            directories.add(d);
        }
        if (directories.isEmpty()) {
            common.genlab(); // checks each --plugins
            directories.addAll(common.pluginDirectories);
            String env = System.getenv("GENLAB_PLUGINS");
            if (env != null) {
                for (String d : env.split(java.io.File.pathSeparator)) {
                    if (!d.isBlank()) {
                        directories.add(Path.of(d));
                    }
                }
            }
        }
        if (directories.isEmpty()) {
            throw new UserException("--check: no plugin directory to check; name one (genlab plugins --check DIR) or use --plugins DIR");
        }
        boolean allOk = true;
        for (Path directory : directories) {
            for (PluginLinkCheck.Report r : PluginLinkCheck.check(directory, PluginsCommand.class.getClassLoader())) {
                if (r.error() != null) {
                    allOk = false;
                    System.out.println(r.unit() + ": " + r.error());
                } else if (r.missing().isEmpty()) {
                    System.out.println(r.unit() + ": ok (" + r.classes() + " classes; every class they refer to resolves)");
                } else {
                    allOk = false;
                    System.out.println(r.unit() + ": " + r.missing().size() + " missing class" + (r.missing().size() == 1 ? "" : "es")
                            + " (" + r.classes() + " classes checked):");
                    r.missing().forEach((cls, by) -> System.out.println("    " + cls + "    (used by " + by + ")"));
                }
            }
        }
        if (!allOk) {
            System.out.println(PluginFailure.HOW_TO_SHIP);
        }
        return allOk ? Main.OK : Main.RUN_FAILED;
    }

    /** Every name {@code genlab plugins NAME} takes: the plugins' and the sweep launchers'. */
    static List<String> allNames(PluginRegistry registry) {
        List<String> names = new ArrayList<>();
        for (PluginKind k : PluginKind.values()) {
            names.addAll(registry.names(k));
        }
        names.addAll(SweepLauncherRegistry.discover().names());
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    /** The plugin's keys in record order, each with its default and the comment above it in reference.conf. */
    static List<Setting> settings(PluginDescriptor d) {
        return settings(d.defaults(), d.plugin().configClass());
    }

    /** The keys of a settings record in record order, each with its default and the comment above it in {@code defaults}. */
    static List<Setting> settings(Config defaults, Class<? extends Record> type) {
        List<Setting> out = new ArrayList<>();
        java.lang.reflect.RecordComponent[] components = type.getRecordComponents();
        List<String> keys = RecordBinder.keys(type);
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            ConfigValue v = defaults.root().get(key);
            // a key without a default is absent from reference.conf, or documented there as `key = null` with its
            // comment above it
            String description = v == null ? "" : String.join(" ", v.origin().comments().stream().map(String::trim).toList());
            boolean unset = v == null || v.valueType() == com.typesafe.config.ConfigValueType.NULL;
            String shown = !unset ? v.render(ConfigRenderOptions.concise())
                    : components[i].getType() == java.util.Optional.class ? "(optional, unset)" : "(required)";
            out.add(new Setting(key, shown, description));
        }
        return out;
    }
}
