package dev.genlab.plugin.deeptext;

import dev.genlab.spi.PluginConfigException;

/** Compact-constructor checks shared by the configs; each names the HOCON key and what is valid. */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static void notNull(String key, Object value, String choices) {
        if (value == null) {
            throw new PluginConfigException(key, "must be one of " + choices);
        }
    }

    static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new PluginConfigException(key, "must be at least " + min + ", was " + value);
        }
    }

    static void between(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new PluginConfigException(key, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    static void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new PluginConfigException(key, "must be a positive number, was " + value);
        }
    }

    static void nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new PluginConfigException(key, "must be zero or positive, was " + value);
        }
    }

    static void fraction(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new PluginConfigException(key, "must be at least 0 and less than 1, was " + value);
        }
    }
}
