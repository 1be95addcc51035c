package dev.genlab.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Named numbers a metric produced, in the order it produced them. {@code headline} names the one value shown
 * in one-line summaries (e.g. {@code overall}); NaN values are allowed and mean "not defined for this data".
 */
public record MetricResult(Map<String, Double> values, String headline) {
    public MetricResult {
        Objects.requireNonNull(values, "values is null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (headline != null && !values.containsKey(headline)) {
            throw new IllegalArgumentException("headline '" + headline + "' is not one of " + values.keySet());
        }
    }

    public double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no value '" + key + "'; values: " + values.keySet());
        }
        return v;
    }
}
