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
        for (int i = 0; i < unsets.size(); i++) {
            String key = unsets.get(i).trim();
            String label = unsetLabel(i + 1, key);
            List<String> path = path(key, label, "--unset model.epochs", problems);
            if (path == null) {
                continue;
            }
            ConfigObject parent = parentObject(out.root(), path);
            if (parent == null || !parent.containsKey(path.get(path.size() - 1))) {
                List<String> siblings = parent == null ? List.of() : new ArrayList<>(parent.keySet());
                problems.add(new ConfigProblem(label, key, "no such key in the experiment to remove" + Suggestions.didYouMean(path.get(path.size() - 1), siblings)
                        + (siblings.isEmpty() ? "" : " (keys there: " + String.join(", ", siblings.stream().sorted().toList()) + ")")));
                continue;
            }
            out = out.withoutPath(ConfigUtil.joinPath(path));
        }
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
            String value = text.substring(eq + 1);
            if (URL.matcher(value.trim()).matches()) {
                // HOCON reads the '//' of an unquoted URL as a comment: --set sweep.launcher.master=spark://host:7077 means the string
                value = ConfigUtil.quoteString(value.trim());
            }
            try {
                parsed = ConfigFactory.parseString(ConfigUtil.joinPath(path) + " = " + value,
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
            out = set(out, parsed, path);
        }
        return out;
    }

    private static Config set(Config config, Config parsed, List<String> path) {
        ConfigValue value = valueAt(parsed.root(), path);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            return config.withoutPath(ConfigUtil.joinPath(path));
        }
        // walk down the file's blocks as far as they go; what is missing is inserted from the --set, whole
        ConfigObject node = config.root();
        int depth = 0;
        while (depth < path.size() - 1 && node.get(path.get(depth)) instanceof ConfigObject child) {
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
