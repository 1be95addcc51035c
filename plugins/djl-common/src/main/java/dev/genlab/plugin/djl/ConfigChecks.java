package dev.genlab.plugin.djl;

import dev.genlab.spi.PluginConfigException;
import java.util.List;

/** Compact-constructor checks for model configs: each throws a {@link PluginConfigException} naming the HOCON key and what is valid. */
public final class ConfigChecks {
    private ConfigChecks() {
    }

    public static void notNull(String key, Object value, String choices) {
        if (value == null) {
            throw new PluginConfigException(key, "must be one of " + choices);
        }
    }

    public static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new PluginConfigException(key, "must be at least " + min + ", was " + value);
        }
    }

    public static void between(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new PluginConfigException(key, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    public static void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new PluginConfigException(key, "must be a positive number, was " + value);
        }
    }

    public static void nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new PluginConfigException(key, "must be zero or positive, was " + value);
        }
    }

    public static void fraction(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new PluginConfigException(key, "must be at least 0 and less than 1, was " + value);
        }
    }

    public static List<Integer> dims(String key, List<Integer> dims) {
        if (dims == null || dims.isEmpty()) {
            throw new PluginConfigException(key, "must list at least one layer width, e.g. [256, 256]");
        }
        for (Integer d : dims) {
            if (d == null || d < 1 || d > 65536) {
                throw new PluginConfigException(key, "layer widths must be between 1 and 65536, got " + dims);
            }
        }
        return List.copyOf(dims);
    }

    public static String dimsText(List<Integer> dims) {
        StringBuilder b = new StringBuilder();
        for (int d : dims) {
            b.append(b.length() == 0 ? "" : ",").append(d);
        }
        return b.toString();
    }

    public static List<Integer> parseDims(String text) {
        return java.util.Arrays.stream(text.split(",")).map(Integer::parseInt).toList();
    }
}
