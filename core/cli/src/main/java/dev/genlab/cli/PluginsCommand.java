package dev.genlab.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.util.Json;
import dev.genlab.spi.Modality;
import java.nio.charset.StandardCharsets;
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
        description = "List the installed models, datasets and metrics with their settings, defaults and descriptions.")
final class PluginsCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Show only plugins with this name.")
    String only;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Mixin
    CommonOptions common;

    /** One setting of a plugin. */
    record Setting(String key, String defaultValue, String description) {
    }

    @Override
    public Integer call() {
        PluginRegistry registry = common.genlab().registry();
        List<Map<String, Object>> all = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            for (PluginDescriptor d : registry.all(kind)) {
                if (only != null && !only.equals(d.name())) {
                    continue;
                }
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
        if (only != null && all.isEmpty()) {
            throw new dev.genlab.runtime.UserException("no plugin named '" + only + "'"
                    + dev.genlab.runtime.config.Suggestions.didYouMean(only, allNames(registry)) + " (plugins: " + String.join(", ", allNames(registry)) + ")");
        }
        if (json) {
            System.out.println(new String(Json.bytes(all), StandardCharsets.UTF_8));
            return Main.OK;
        }
        for (Map<String, Object> p : all) {
            System.out.println(p.get("kind") + " " + p.get("name") + "  [" + String.join(", ", castList(p.get("modalities"))) + "]  "
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
        System.out.println("Use one in an experiment file as, e.g., model { type = <name>, <key> = <value> }.");
        return Main.OK;
    }

    private static List<String> allNames(PluginRegistry registry) {
        List<String> names = new ArrayList<>();
        for (PluginKind k : PluginKind.values()) {
            names.addAll(registry.names(k));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    /** The plugin's keys in record order, each with its default and the comment above it in reference.conf. */
    static List<Setting> settings(PluginDescriptor d) {
        List<Setting> out = new ArrayList<>();
        Config defaults = d.defaults();
        java.lang.reflect.RecordComponent[] components = d.plugin().configClass().getRecordComponents();
        List<String> keys = RecordBinder.keys(d.plugin().configClass());
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
