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

    /** One setting of a plugin: its key, its type in words, its default, its description and its valid values (or none). */
    record Setting(String key, String type, String defaultValue, String description, List<String> choices) {
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
        List<PluginDescriptor> shown = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            for (PluginDescriptor d : registry.all(kind)) {
                if (only == null || only.equals(d.name())) {
                    shown.add(d);
                }
            }
        }
        // where sweep trials run: listed like plugins, used as sweep.launcher { type = <name>, ... }
        List<SweepLauncherFactory<?>> launchers = new ArrayList<>();
        for (SweepLauncherFactory<?> f : SweepLauncherRegistry.discover().all()) {
            if (only == null || only.equals(f.name())) {
                launchers.add(f);
            }
        }
        if (only != null && shown.isEmpty() && launchers.isEmpty()) {
            throw new UserException("no plugin named '" + only + "'"
                    + dev.genlab.runtime.config.Suggestions.didYouMean(only, allNames(registry)) + " (plugins: " + String.join(", ", allNames(registry)) + ")");
        }
        if (json) {
            List<Map<String, Object>> all = new ArrayList<>(shown.stream().map(PluginsCommand::json).toList());
            launchers.forEach(f -> all.add(json(f)));
            System.out.println(new String(Json.bytes(all), StandardCharsets.UTF_8));
            return Main.OK;
        }
        if (only == null) {
            System.out.print(overview(shown, Style.terminalWidth(), Style.current()));
            System.out.print(launcherOverview(launchers, Style.terminalWidth(), Style.current()));
            System.out.println();
            System.out.println("'genlab plugins NAME' lists a plugin's settings: type, default, description and valid values.");
            return Main.OK;
        }
        for (PluginDescriptor d : shown) {
            System.out.print(details(d, Style.terminalWidth()));
            System.out.println(usage(d.kind(), d.name(), settings(d)));
        }
        for (SweepLauncherFactory<?> f : launchers) {
            System.out.print(launcherDetails(f, Style.terminalWidth()));
            System.out.println("Use it in an experiment file as sweep { launcher { type = " + f.name() + ", <key> = <value> } }"
                    + " or on the command line as --set sweep.launcher.type=" + f.name() + ".");
        }
        return Main.OK;
    }

    private static Map<String, Object> json(PluginDescriptor d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", d.name());
        p.put("kind", d.kind().label());
        p.put("modalities", modalities(d));
        p.put("description", d.plugin().description());
        p.put("version", d.version());
        p.put("origin", d.origin());
        List<Map<String, Object>> settings = new ArrayList<>();
        for (Setting s : settings(d)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", s.key());
            m.put("type", s.type());
            m.put("default", s.defaultValue());
            m.put("description", s.description());
            m.put("choices", s.choices());
            settings.add(m);
        }
        p.put("settings", settings);
        return p;
    }

    private static Map<String, Object> json(SweepLauncherFactory<?> f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", f.name());
        p.put("kind", "launcher");
        p.put("modalities", List.of());
        p.put("description", f.description());
        java.security.CodeSource source = f.getClass().getProtectionDomain().getCodeSource();
        p.put("version", f.getClass().getPackage().getImplementationVersion() == null ? "unknown" : f.getClass().getPackage().getImplementationVersion());
        p.put("origin", source == null || source.getLocation() == null ? "classpath"
                : Path.of(java.net.URI.create(source.getLocation().toString())).getFileName().toString());
        p.put("settings", settings(f.defaults(), f.settingsClass()).stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", s.key());
            m.put("type", s.type());
            m.put("default", s.defaultValue());
            m.put("description", s.description());
            m.put("choices", s.choices());
            return m;
        }).toList());
        return p;
    }

    /** The sweep launchers under their own heading, as {@link #overview} lists plugins. */
    static String launcherOverview(List<SweepLauncherFactory<?>> launchers, int width, Style style) {
        if (launchers.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n").append(style.bold("sweep launchers")).append(" (").append(launchers.size())
                .append(", sweep.launcher.type)\n");
        TextTable table = new TextTable("name", "description").fixed(0);
        for (SweepLauncherFactory<?> f : launchers) {
            table.row(f.name(), firstSentence(f.description()));
        }
        table.render(width <= 0 ? 0 : width - 2, style).lines().forEach(l -> out.append("  ").append(l).append('\n'));
        return out.toString();
    }

    /** One launcher in full, as {@link #details} shows a plugin. */
    static String launcherDetails(SweepLauncherFactory<?> f, int width) {
        StringBuilder out = new StringBuilder("launcher ").append(f.name()).append("  ").append(f.description()).append("\n\n");
        List<Setting> settings = settings(f.defaults(), f.settingsClass());
        if (settings.isEmpty()) {
            return out.append("  (no settings)\n\n").toString();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("key", "type", "default", "description"));
        for (Setting s : settings) {
            rows.add(List.of(s.key(), s.type(), s.defaultValue(), s.description() + (s.choices().isEmpty() ? ""
                    : (s.description().isEmpty() ? "" : " ") + "(one of: " + String.join(", ", s.choices()) + ")")));
        }
        return out.append(wrappedTable(rows, width)).append('\n').toString();
    }

    private static List<String> modalities(PluginDescriptor d) {
        return d.plugin().modalities().stream().sorted().map(Modality::label).toList();
    }

    /**
     * Every plugin on one line, grouped under its kind (the kinds the SPI declares, in their order): name, the data it
     * handles, the first sentence of its description; fitted to {@code width} (0: no limit).
     */
    static String overview(List<PluginDescriptor> plugins, int width, Style style) {
        StringBuilder out = new StringBuilder();
        for (PluginKind kind : PluginKind.values()) {
            List<PluginDescriptor> ofKind = plugins.stream().filter(d -> d.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            out.append(out.length() == 0 ? "" : "\n").append(style.bold(kind.label() + "s")).append(" (").append(ofKind.size()).append(")\n");
            TextTable table = new TextTable("name", "data", "description").fixed(0);
            for (PluginDescriptor d : ofKind) {
                table.row(d.name(), String.join(", ", modalities(d)), firstSentence(d.plugin().description()));
            }
            // indented by two under the kind's heading
            table.render(width <= 0 ? 0 : width - 2, style).lines().forEach(l -> out.append("  ").append(l).append('\n'));
        }
        return out.toString();
    }

    /** A sentence ends at a full stop before a capital letter, unless the stop ends an abbreviation ("et al.", "e.g."). */
    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("(?<!\\bal|\\be\\.g|\\bi\\.e|\\bvs)\\.(\\s+(?=[A-Z])|$)");

    /** The description's first sentence, without its full stop. */
    static String firstSentence(String description) {
        String d = description == null ? "" : description.strip();
        java.util.regex.Matcher m = SENTENCE_END.matcher(d);
        return m.find() ? d.substring(0, m.start()) : d;
    }

    /** One plugin in full: kind, name, data, description, where it comes from, and a row per setting. */
    static String details(PluginDescriptor d, int width) {
        StringBuilder out = new StringBuilder();
        out.append(d.kind().label()).append(' ').append(d.name()).append("  [").append(String.join(", ", modalities(d))).append("]  ")
                .append(d.plugin().description()).append('\n');
        out.append("    from ").append(d.origin()).append(" (version ").append(d.version()).append(")\n\n");
        List<Setting> settings = settings(d);
        if (settings.isEmpty()) {
            out.append("  (no settings)\n\n");
            return out.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("key", "type", "default", "description"));
        for (Setting s : settings) {
            String description = s.description() + (s.choices().isEmpty() ? "" : (s.description().isEmpty() ? "" : " ")
                    + "(one of: " + String.join(", ", s.choices()) + ")");
            rows.add(List.of(s.key(), s.type(), s.defaultValue(), description));
        }
        out.append(wrappedTable(rows, width));
        out.append('\n');
        return out.toString();
    }

    /**
     * Aligned rows whose last column wraps, word by word, under itself to fit {@code width} (0: one line per row).
     * Nothing is cut, unlike in a {@link TextTable}: these descriptions are the plugin's documentation.
     */
    static String wrappedTable(List<List<String>> rows, int width) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns - 1];
        for (List<String> r : rows) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        int indent = 2;
        for (int w : widths) {
            indent += w + 2;
        }
        int room = width <= 0 ? Integer.MAX_VALUE : Math.max(30, width - indent - 1);
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns - 1; i++) {
                line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
            }
            List<String> parts = wrap(row.get(columns - 1), room);
            out.append((line + parts.get(0)).stripTrailing()).append('\n');
            for (String more : parts.subList(1, parts.size())) {
                out.append(" ".repeat(indent)).append(more).append('\n');
            }
            if (r == 0) {
                StringBuilder rule = new StringBuilder("  ");
                for (int w : widths) {
                    rule.append("-".repeat(w)).append("  ");
                }
                out.append(rule).append("-".repeat(11)).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code text} in lines of at most {@code room} characters, broken between words (a longer word has a line). */
    static List<String> wrap(String text, int room) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > room) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
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

    /** The plugin's keys in record order, each with its type, default, the comment above it in reference.conf and its valid values. */
    static List<Setting> settings(PluginDescriptor d) {
        return settings(d.defaults(), d.plugin().configClass());
    }

    /** The keys of a settings record in record order, each with its default and the comment above it in {@code defaults}. */
    static List<Setting> settings(Config defaults, Class<? extends Record> settingsClass) {
        List<Setting> out = new ArrayList<>();
        java.lang.reflect.RecordComponent[] components = settingsClass.getRecordComponents();
        List<String> keys = RecordBinder.keys(settingsClass);
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            ConfigValue v = defaults.root().get(key);
            // a key without a default is absent from reference.conf, or documented there as `key = null` with its
            // comment above it
            String description = v == null ? "" : String.join(" ", v.origin().comments().stream().map(String::trim).toList());
            boolean unset = v == null || v.valueType() == com.typesafe.config.ConfigValueType.NULL;
            String shown = !unset ? v.render(ConfigRenderOptions.concise())
                    : components[i].getType() == java.util.Optional.class ? "(optional, unset)" : "(required)";
            java.lang.reflect.Type type = components[i].getGenericType();
            out.add(new Setting(key, typeName(type), shown, description, choices(type)));
        }
        return out;
    }

    /** A config record component's type in the words of an experiment file. */
    static String typeName(java.lang.reflect.Type type) {
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            java.lang.reflect.Type[] args = p.getActualTypeArguments();
            if (raw == java.util.Optional.class) {
                return typeName(args[0]);
            }
            if (raw == List.class) {
                return "list of " + plural(typeName(args[0]));
            }
            if (raw == Map.class) {
                return "object of " + plural(typeName(args[1]));
            }
            return raw.getSimpleName();
        }
        Class<?> c = (Class<?>) type;
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return "integer";
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return "number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        }
        if (c == String.class) {
            return "string";
        }
        if (c.isEnum()) {
            return "choice";
        }
        if (c.isRecord()) {
            return "object";
        }
        return c.getSimpleName();
    }

    private static String plural(String word) {
        return word.equals("choice") ? "choices" : word.startsWith("list of") || word.startsWith("object") ? word : word + "s";
    }

    /** The values an enum setting (or an optional or a list of one) takes, as written in experiment files. */
    static List<String> choices(java.lang.reflect.Type type) {
        if (type instanceof java.lang.reflect.ParameterizedType p
                && (p.getRawType() == java.util.Optional.class || p.getRawType() == List.class)) {
            return choices(p.getActualTypeArguments()[0]);
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            List<String> out = new ArrayList<>();
            for (Object e : c.getEnumConstants()) {
                out.add(dev.genlab.runtime.config.ConfigNames.enumValue((Enum<?>) e));
            }
            return out;
        }
        return List.of();
    }
}
