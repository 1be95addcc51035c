package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract tests for a metric plugin: it returns named values with valid keys, deterministically. Known answers
 * belong in the plugin's own tests; this checks the shape every metric shares.
 */
public abstract class MetricPluginContract extends PluginContract {
    @TempDir
    protected Path workDirectory;

    /** Real train, real test and synthetic data to evaluate. */
    protected abstract EvaluationInput input();

    protected final MetricResult evaluate(String name) throws java.io.IOException {
        Metric metric = PluginHarness.create(descriptor(), settings(), Metric.class);
        return metric.evaluate(input(), TestContexts.training(42, Files.createDirectories(workDirectory.resolve(name))));
    }

    @Test
    public void returnsNamedValues() throws Exception {
        MetricResult result = evaluate("named");
        assertFalse(result.values().isEmpty(), "at least one value");
        for (String key : result.values().keySet()) {
            assertTrue(key.matches("[A-Za-z0-9_.\\-/ ]{1,200}"), "key '" + key + "' fits MLflow's key rules");
        }
    }

    @Test
    public void isDeterministic() throws Exception {
        assertEquals(evaluate("a").values(), evaluate("b").values());
    }
}
