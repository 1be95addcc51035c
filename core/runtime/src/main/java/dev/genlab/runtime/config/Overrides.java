package dev.genlab.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's changes to an experiment file, applied before substitutions are resolved:
 * {@code --unset key} removes a key or block; {@code --set key=value} sets a value, {@code --set key=null} removes it
 * and {@code --set key={...}} replaces a whole block (HOCON would merge it). Each value keeps the origin
 * {@code --set #n (key=value)}, and the file's blocks keep theirs, so every problem is located at one or the other.
 */
public final class Overrides {
    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'{}\\[\\],#$]*");
    private Overrides() {
    }

    /** How a {@code --set} is named in messages and origins: {@code --set #2 (model.epochs=x)}. */
    public static String setLabel(int index, String text) {
        return "--set #" + index + " (" + text + ")";
    }

    public static String unsetLabel(int index, String key) {
        return "--unset #" + index + " (" + key + ")";
    }

    /** {@code config} (unresolved) with the unsets, then the sets, applied in order; problems are collected. */
    public static Config apply(Config config, List<String> sets, List<String> unsets, Problems problems) {
        Config out = config;
        // what a substituted block resolves to, with every --set in: computed once, when an unset first needs it
        Config[] resolvedWithSets = new Config[1];
        java.util.function.Supplier<Config> resolved = () -> {
            if (resolvedWithSets[0] == null) {
                resolvedWithSets[0] = resolvedLeniently(sets(config, sets, new Problems(), () -> null));
            }
            return resolvedWithSets[0];
        };
        for (int i = 0; i < unsets.size(); i++) {
            String key = unsets.get(i).trim();
            String label = unsetLabel(i + 1, key);
            List<String> path = path(key, label, "--unset model.epochs", problems);
            if (path == null) {
                continue;
            }
            out = materialize(out, path, resolved);
            ConfigObject parent = unresolved(out.root(), path) ? null : parentObject(out.root(), path);
            if (parent == null || !parent.containsKey(path.get(path.size() - 1))) {
                List<String> siblings = parent == null ? List.of() : new ArrayList<>(parent.keySet());
                problems.add(new ConfigProblem(label, key, "no such key in the experiment to remove" + Suggestions.didYouMean(path.get(path.size() - 1), siblings)
                        + (siblings.isEmpty() ? "" : " (keys there: " + String.join(", ", siblings.stream().sorted().toList()) + ")")));
                continue;
            }
            out = out.withoutPath(ConfigUtil.joinPath(path));
        }
        return sets(out, sets, problems, resolved);
    }

    /**
     * Before a key is removed from inside a block that is a substitution ({@code model = ${base}}, maybe merged with
     * keys of its own), whose keys are unknown until resolved: that block becomes the object it resolves to.
     */
    private static Config materialize(Config config, List<String> path, java.util.function.Supplier<Config> resolved) {
        List<String> through = substituted(config.root(), path);
        if (through == null) {
            return config;
        }
        Config r = resolved.get();
        ConfigValue block = r == null ? null : valueAt(r.root(), through);
        return block instanceof ConfigObject && !unresolved(block) ? config.withValue(ConfigUtil.joinPath(through), block) : config;
    }

    /** {@code config} with the {@code --set} values applied in order. */
    private static Config sets(Config config, List<String> sets, Problems problems, java.util.function.Supplier<Config> resolved) {
        Config out = config;
        for (int i = 0; i < sets.size(); i++) {
            String text = sets.get(i);
            String label = setLabel(i + 1, text);
            int eq = text.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfigProblem(label, null, "expected key=value, e.g. --set model.epochs=10"));
                continue;
            }
            List<String> path = path(text.substring(0, eq).trim(), label, "--set model.epochs=10", problems);
            if (path == null) {
                continue;
            }
            Config parsed;
            String given = text.substring(eq + 1);
            if (URL.matcher(given.trim()).matches()) {
                // HOCON reads the '//' of an unquoted URL as a comment: --set sweep.launcher.master=spark://host:7077 means the string
                given = ConfigUtil.quoteString(given.trim());
            }
            try {
                parsed = ConfigFactory.parseString(ConfigUtil.joinPath(path) + " = " + given,
                        ConfigParseOptions.defaults().setOriginDescription(label));
            } catch (ConfigException e) {
                List<ConfigProblem> found = UnclosedBrackets.findInOverride(text);
                if (found.isEmpty()) {
                    problems.add(new ConfigProblem(label, null, ExperimentLoader.stripOrigin(e)));
                } else {
                    // located at the option, as everything about it
                    found.forEach(p -> problems.add(new ConfigProblem(label, p.path(), p.message())));
                }
                continue;
            }
            ConfigValue value = valueAt(parsed.root(), path);
            if (value == null || value.valueType() == ConfigValueType.NULL) {
                Config materialized = materialize(out, path, resolved);
                // a block that does not resolve (yet) keeps the key: resolving the experiment reports the block
                out = unresolved(materialized.root(), path) ? materialized : materialized.withoutPath(ConfigUtil.joinPath(path));
            } else {
                out = set(out, parsed, path);
            }
        }
        return out;
    }

    private static Config set(Config config, Config parsed, List<String> path) {
        // walk down the file's blocks as far as they go; what is missing is inserted from the --set, whole
        ConfigObject node = config.root();
        int depth = 0;
        while (depth < path.size() - 1 && node.get(path.get(depth)) instanceof ConfigObject child && !unresolved(child)) {
            node = child;
            depth++;
        }
        if (depth < path.size() - 1 && node.get(path.get(depth)) != null) {
            // a substitution (or a value) on the way: merge as HOCON does, so ${...} blocks keep their other keys
            return parsed.withFallback(config);
        }
        List<String> prefix = path.subList(0, depth + 1);
        return config.withValue(ConfigUtil.joinPath(prefix), valueAt(parsed.root(), prefix));
    }

    /**
     * The blocks on the way to {@code path}'s key, down to the first that is a substitution or merges one (whose keys
     * are unknown until resolved); null if there is none on the way.
     */
    private static List<String> substituted(ConfigObject root, List<String> path) {
        ConfigValue v = root;
        for (int i = 0; i < path.size() - 1; i++) {
            if (!(v instanceof ConfigObject o)) {
                return null;
            }
            ConfigValue child = o.get(path.get(i));
            if (child == null) {
                return null;
            }
            if (unresolved(child)) {
                return path.subList(0, i + 1);
            }
            v = child;
        }
        return null;
    }

    /** Whether a block on the way to {@code path}'s key is still a substitution (its keys unknown). */
    private static boolean unresolved(ConfigObject root, List<String> path) {
        return substituted(root, path) != null;
    }

    /** A substitution, or an object that merges one: asking for its type or its keys needs resolving first. */
    private static boolean unresolved(ConfigValue v) {
        try {
            v.valueType();
            if (v instanceof ConfigObject o) {
                o.keySet();
            }
            return false;
        } catch (ConfigException.NotResolved e) {
            return true;
        }
    }

    /** What resolves of {@code config} (the environment included), substitutions that cannot left as they are; null if it cannot be. */
    private static Config resolvedLeniently(Config config) {
        try {
            return config.resolve(com.typesafe.config.ConfigResolveOptions.defaults().setUseSystemEnvironment(true).setAllowUnresolved(true));
        } catch (ConfigException e) {
            return null; // reported when the experiment is resolved
        }
    }

    private static ConfigValue valueAt(ConfigObject root, List<String> path) {
        ConfigValue v = root;
        for (String segment : path) {
            if (!(v instanceof ConfigObject o)) {
                return null;
            }
            v = o.get(segment);
        }
        return v;
    }

    private static ConfigObject parentObject(ConfigObject root, List<String> path) {
        ConfigValue parent = valueAt(root, path.subList(0, path.size() - 1));
        return parent instanceof ConfigObject o ? o : null;
    }

    private static List<String> path(String key, String label, String example, Problems problems) {
        try {
            return ConfigUtil.splitPath(key);
        } catch (ConfigException e) {
            problems.add(new ConfigProblem(label, null, "'" + key + "' is not a key path; expected e.g. " + example));
            return null;
        }
    }
}
