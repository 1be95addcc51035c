package dev.genlab.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/** Collects problems so all of them are reported at once. */
public final class Problems {
    private final List<ConfigProblem> problems = new ArrayList<>();

    public void add(ConfigOrigin origin, String path, String message) {
        problems.add(new ConfigProblem(where(origin), path, message));
    }

    public void add(ConfigProblem problem) {
        problems.add(problem);
    }

    /** A problem about {@code key} in {@code config} (located at the key if present, else at the block). */
    public void at(Config config, String key, String fullPath, String message) {
        add(originOf(config, key), fullPath, message);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    /** Throws {@link ConfigErrors} if anything was collected. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigErrors(problems);
        }
    }

    public static ConfigOrigin originOf(Config config, String key) {
        if (key != null && !key.isEmpty()) {
            try {
                if (config.hasPathOrNull(key)) {
                    return config.getValue(key).origin();
                }
            } catch (RuntimeException ignored) {
                // a bad path expression: fall back to the block's origin
            }
        }
        return config.origin();
    }

    public static ConfigOrigin originOf(ConfigValue value) {
        return value.origin();
    }

    /** {@code file:line}, or the best description Typesafe Config has. */
    public static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "<unknown>";
        }
        String line = origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "";
        if (origin.filename() != null) {
            return fileName(origin.filename()) + line;
        }
        URL url = origin.url();
        if (url != null) {
            String s = url.toString();
            int bang = s.lastIndexOf("!/");
            return (bang >= 0 ? s.substring(s.lastIndexOf('/', bang - 1) + 1) : s) + line;
        }
        String d = origin.description();
        // Typesafe appends ": <line>" to descriptions; keep ours readable.
        return d.replaceFirst(": \\d+$", "") + (origin.lineNumber() > 1 ? line : "");
    }

    /**
     * A file name as the user gave it: an experiment named without a directory is read as {@code ./name} (so that its
     * includes are found beside it), and shown as {@code name}.
     */
    public static String fileName(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }
}
