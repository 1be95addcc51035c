package dev.genlab.runtime.util;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what is secret, and redacts it. Every writer of a run goes through it: params
 * (local and MLflow), config.conf, the error text (run.json, error.txt, the console, the MLflow tag), and so the
 * report, which shows those.
 *
 * <p>Secret are:
 * <ul>
 *   <li>the value of a key named like a secret ({@code password}, {@code token}, {@code secret}, {@code key},
 *       {@code api-key}, {@code credentials}, …), whatever it is;</li>
 *   <li>the value of an environment variable named like a secret ({@code HF_TOKEN}, {@code DB_PASSWORD},
 *       {@code MY_TOKEN}, …) wherever it lands: a scalar, a list element, inside a longer string. A value that the
 *       experiment file substituted from such a variable ({@code ${?MY_TOKEN}}; Typesafe Config keeps the origin
 *       "env variables") is redacted whatever its length; otherwise values of at least {@value #MIN_LENGTH}
 *       characters are searched for everywhere (shorter ones, a "true" or a port, would match by chance);</li>
 *   <li>the value of a secret-named key of the experiment, when at least {@value #MIN_LENGTH} characters long,
 *       wherever else it lands too: {@code ${vars.api-key}} substituted into a URL is as secret as the key;</li>
 *   <li>the user-info of a URI ({@code http://user:pass@host} becomes {@code http://***@host}).</li>
 * </ul>
 */
public final class Secrets {
    /** What a redacted value becomes. */
    public static final String REDACTED = "***";
    static final int MIN_LENGTH = 8;
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)(^|[-_])(password|passwd|token|secret|credentials?|api-?key|access-?key|key)$");
    private static final Pattern SECRET_ENV = Pattern.compile("(?i)(password|passwd|passphrase|token|secret|credential|api_?key|access_?key"
            + "|private_?key|(^|_)key$|(^|_)pat$)");
    /** scheme://userinfo@ — the user-info is everything up to the '@' before the host. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.\\-]*://)([^/?#@\\s\"']+)@");
    private static final String ENV_ORIGIN = "env variables";

    private final List<String> values;

    private Secrets(Set<String> values) {
        List<String> v = new ArrayList<>(values);
        v.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(v);
    }

    /** Secrets of this process's environment (values of at least {@value #MIN_LENGTH} characters). */
    public static Secrets ofEnvironment() {
        return of(null, System.getenv());
    }

    /**
     * Secrets for a resolved experiment: the environment's long secret values, every secret-named variable's
     * value that {@code resolved} substituted (found by the "env variables" origin), whatever its length, and the
     * long values of {@code resolved}'s secret-named keys.
     */
    public static Secrets of(Config resolved, Map<String, String> env) {
        Set<String> all = new LinkedHashSet<>();
        List<String> named = new ArrayList<>();
        env.forEach((name, value) -> {
            if (SECRET_ENV.matcher(name).find() && value != null && !value.strip().isEmpty()) {
                named.add(value.strip());
                if (value.strip().length() >= MIN_LENGTH) {
                    all.add(value.strip());
                }
            }
        });
        if (resolved != null) {
            substituted(resolved.root(), named, all);
            secretKeyValues(resolved, all);
        }
        return new Secrets(all);
    }

    /** Values of secret-named keys, searched for everywhere: a substitution copies them under names that are not. */
    private static void secretKeyValues(Config resolved, Set<String> out) {
        for (Map.Entry<String, ConfigValue> e : resolved.entrySet()) {
            if (isSecretKey(e.getKey())) {
                Object v = e.getValue().unwrapped();
                for (Object x : v instanceof List<?> list ? list : List.of(v)) {
                    String s = x == null || x instanceof Map<?, ?> || x instanceof List<?> ? "" : String.valueOf(x).strip();
                    if (s.length() >= MIN_LENGTH) {
                        out.add(s);
                    }
                }
            }
        }
    }

    private static void substituted(ConfigValue v, List<String> named, Set<String> out) {
        if (v instanceof ConfigObject o) {
            o.values().forEach(x -> substituted(x, named, out));
        } else if (v instanceof ConfigList l) {
            l.forEach(x -> substituted(x, named, out));
        } else if (v.valueType() != ConfigValueType.NULL && v.origin() != null && v.origin().description().contains(ENV_ORIGIN)) {
            String s = String.valueOf(v.unwrapped());
            for (String secret : named) {
                if (s.contains(secret)) {
                    out.add(secret);
                }
            }
        }
    }

    /**
     * Whether a key (a dotted path or one part of it) names a secret: any part of the path does, so everything inside
     * a secret-named block ({@code credentials { user = …, pass = … }}) is secret too.
     */
    public static boolean isSecretKey(String key) {
        for (String part : key.replace("\"", "").split("\\.")) {
            if (SECRET_KEY.matcher(part).find()) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every secret value and URI user-info replaced by {@value #REDACTED}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : values) {
            if (out.contains(secret)) {
                out = out.replace(secret, REDACTED);
            }
        }
        return USER_INFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
    }

    /** The value of a key: {@value #REDACTED} for a secret-named key, else {@link #redact(String)}. */
    public String redact(String key, String value) {
        return isSecretKey(key) ? REDACTED : redact(value);
    }

    /** {@code config} with secret-named keys' values and every secret in a string or list element redacted. */
    public Config redact(Config config) {
        Config out = config;
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            String path = e.getKey();
            ConfigValue v = e.getValue();
            if (isSecretKey(path)) {
                out = out.withValue(path, ConfigValueFactory.fromAnyRef(REDACTED));
            } else if (v.valueType() == ConfigValueType.STRING) {
                String s = (String) v.unwrapped();
                String r = redact(s);
                if (!r.equals(s)) {
                    out = out.withValue(path, ConfigValueFactory.fromAnyRef(r));
                }
            } else if (v.valueType() == ConfigValueType.LIST) {
                Object redacted = redactUnwrapped(((ConfigList) v).unwrapped());
                if (!redacted.equals(((ConfigList) v).unwrapped())) {
                    out = out.withValue(path, ConfigValueFactory.fromAnyRef(redacted));
                }
            }
        }
        return out;
    }

    private Object redactUnwrapped(Object value) {
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(redactUnwrapped(x)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), isSecretKey(String.valueOf(k)) ? REDACTED : redactUnwrapped(x)));
            return out;
        }
        return value;
    }
}
