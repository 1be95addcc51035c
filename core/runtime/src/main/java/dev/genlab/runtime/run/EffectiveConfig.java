package dev.genlab.runtime.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.runtime.util.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The experiment as it actually ran: the resolved file with every plugin's and the experiment's defaults filled
 * in; rendered as config.conf and flattened into params.
 */
public final class EffectiveConfig {
    private EffectiveConfig() {
    }

    public static Config of(Experiment experiment, Config experimentDefaults) {
        Config c = experiment.resolved();
        c = c.withFallback(experiment.dataset().descriptor().defaults().atPath("dataset"));
        c = c.withFallback(experiment.model().descriptor().defaults().atPath("model"));
        List<Object> metrics = new ArrayList<>();
        for (PluginSpec m : experiment.metrics()) {
            Config block = m.block().withFallback(m.descriptor().defaults());
            metrics.add(block.root().unwrapped());
        }
        c = c.withValue("metrics", ConfigValueFactory.fromIterable(metrics));
        c = c.withFallback(experimentDefaults.withoutPath("metrics"));
        if (!c.hasPath("name")) {
            c = c.withValue("name", ConfigValueFactory.fromAnyRef(experiment.name()));
        }
        return c.resolve();
    }

    /** config.conf: the effective config with secrets redacted as in {@link #flatten(Config)}. */
    public static String render(Config config) {
        return render(config, Secrets.ofEnvironment());
    }

    /** config.conf, redacted by {@code secrets}. */
    public static String render(Config config, Secrets secrets) {
        return secrets.redact(config).root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false)
                .setFormatted(true));
    }

    /**
     * Leaf paths to values; lists rendered as JSON. Redacted by {@link Secrets}: values of secret-looking keys,
     * secret environment values wherever they appear, URI user-info.
     */
    public static Map<String, String> flatten(Config config) {
        return flatten(config, Secrets.ofEnvironment());
    }

    static Map<String, String> flatten(Config config, Map<String, String> env) {
        return flatten(config, Secrets.of(config, env));
    }

    /** Leaf paths to values, redacted by {@code secrets}. */
    public static Map<String, String> flatten(Config config, Secrets secrets) {
        Map<String, String> out = new TreeMap<>();
        flatten("", config.root(), out);
        out.replaceAll(secrets::redact);
        return out;
    }

    /** The config with what {@link #flatten(Config, Map)} would redact replaced by {@value Secrets#REDACTED}. */
    static Config redacted(Config config, Map<String, String> env) {
        return Secrets.of(config, env).redact(config);
    }

    private static void flatten(String prefix, ConfigValue value, Map<String, String> out) {
        if (value.valueType() == ConfigValueType.OBJECT) {
            for (Map.Entry<String, ConfigValue> e : ((com.typesafe.config.ConfigObject) value).entrySet()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (value.valueType() == ConfigValueType.LIST) {
            List<ConfigValue> list = (com.typesafe.config.ConfigList) value;
            boolean objects = list.stream().anyMatch(v -> v.valueType() == ConfigValueType.OBJECT);
            if (objects) {
                List<String> names = elementNames(list);
                for (int i = 0; i < list.size(); i++) {
                    flatten(prefix + "." + names.get(i), list.get(i), out);
                }
            } else {
                out.put(prefix, value.render(ConfigRenderOptions.concise()));
            }
        } else if (value.valueType() != ConfigValueType.NULL) {
            out.put(prefix, String.valueOf(value.unwrapped()));
        }
    }

    /**
     * How the elements of a list of blocks are keyed: by their {@code name}, else their {@code type}
     * ({@code metrics.fairness.bins}), so a param means the same in runs with other lists; by position only when
     * that would not be unique.
     */
    private static List<String> elementNames(List<ConfigValue> list) {
        List<String> names = new ArrayList<>();
        for (ConfigValue v : list) {
            String name = null;
            if (v instanceof com.typesafe.config.ConfigObject o) {
                ConfigValue n = o.containsKey("name") ? o.get("name") : o.get("type");
                if (n != null && n.valueType() == ConfigValueType.STRING) {
                    name = String.valueOf(n.unwrapped());
                }
            }
            names.add(name != null && name.matches("[A-Za-z0-9_-]+") ? name : null);
        }
        if (names.contains(null) || new java.util.HashSet<>(names).size() != names.size()) {
            names.clear();
            for (int i = 0; i < list.size(); i++) {
                names.add(Integer.toString(i));
            }
        }
        return names;
    }
}
