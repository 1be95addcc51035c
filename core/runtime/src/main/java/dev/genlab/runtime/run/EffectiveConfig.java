package dev.genlab.runtime.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.config.PluginSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The experiment as it actually ran: the resolved file with every plugin's and the experiment's defaults filled
 * in; rendered as config.conf and flattened into params.
 */
public final class EffectiveConfig {
    private static final Pattern SECRET = Pattern.compile("(?i)(^|[-_.])(password|passwd|token|secret|credentials?|api-?key|access-?key|key)$");
    private static final Pattern SECRET_ENV = Pattern.compile("(?i)(password|passwd|passphrase|token|secret|credential|api_?key|access_?key"
            + "|private_?key|(^|_)key$|(^|_)pat$)");
    /** Shorter values (a "true", a port) would be redacted wherever they appear; under a secret-named key they still are. */
    private static final int MIN_SECRET_LENGTH = 8;
    static final String REDACTED = "***";

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
        return redacted(config, System.getenv()).root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false).setFormatted(true));
    }

    /**
     * Leaf paths to values; lists rendered as JSON. Redacted: values of secret-looking keys, and wherever it
     * appears, the value of any environment variable named like a secret (a token passed as {@code ${?HF_TOKEN}}
     * or inside a URL).
     */
    public static Map<String, String> flatten(Config config) {
        return flatten(config, System.getenv());
    }

    static Map<String, String> flatten(Config config, Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        flatten("", config.root(), out);
        List<String> secrets = secretValues(env);
        out.replaceAll((k, v) -> redactValue(v, secrets));
        return out;
    }

    /** The config with what {@link #flatten(Config, Map)} would redact replaced by {@value #REDACTED}. */
    static Config redacted(Config config, Map<String, String> env) {
        List<String> secrets = secretValues(env);
        Config out = config;
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            String path = e.getKey();
            ConfigValue v = e.getValue();
            if (SECRET.matcher(path.replace("\"", "")).find()) {
                out = out.withValue(path, ConfigValueFactory.fromAnyRef(REDACTED));
            } else if (v.valueType() == ConfigValueType.STRING) {
                String s = (String) v.unwrapped();
                String r = redactValue(s, secrets);
                if (!r.equals(s)) {
                    out = out.withValue(path, ConfigValueFactory.fromAnyRef(r));
                }
            } else if (v.valueType() == ConfigValueType.LIST) {
                List<Object> items = new ArrayList<>();
                boolean changed = false;
                for (Object item : ((com.typesafe.config.ConfigList) v).unwrapped()) {
                    Object r = item instanceof String s ? redactValue(s, secrets) : item;
                    changed |= !r.equals(item);
                    items.add(r);
                }
                if (changed) {
                    out = out.withValue(path, ConfigValueFactory.fromIterable(items));
                }
            }
        }
        return out;
    }

    /** Values of environment variables named like secrets, long enough not to match by chance, longest first. */
    static List<String> secretValues(Map<String, String> env) {
        List<String> values = new ArrayList<>();
        env.forEach((name, value) -> {
            if (SECRET_ENV.matcher(name).find() && value != null && value.strip().length() >= MIN_SECRET_LENGTH) {
                values.add(value.strip());
            }
        });
        values.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return values;
    }

    private static String redactValue(String value, List<String> secrets) {
        String out = value;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, REDACTED);
            }
        }
        return out;
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
                for (int i = 0; i < list.size(); i++) {
                    flatten(prefix + "." + i, list.get(i), out);
                }
            } else {
                out.put(prefix, redact(prefix, value.render(ConfigRenderOptions.concise())));
            }
        } else if (value.valueType() != ConfigValueType.NULL) {
            out.put(prefix, redact(prefix, String.valueOf(value.unwrapped())));
        }
    }

    static String redact(String key, String value) {
        return SECRET.matcher(key).find() ? REDACTED : value;
    }
}
