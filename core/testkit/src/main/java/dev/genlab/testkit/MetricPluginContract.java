package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MetricResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract tests for a metric plugin: it returns named values with valid keys, deterministically, and declares what
 * each of them means ({@link MetricPlugin#measures()}). Known answers belong in the plugin's own tests; this checks
 * the shape every metric shares.
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

    @Override
    protected void exercise(PluginRegistry registry, PluginDescriptor isolated, Path work) throws Exception {
        Metric metric = PluginHarness.create(registry, isolated, settings(), Metric.class);
        MetricResult result = metric.evaluate(input(), TestContexts.training(42, Files.createDirectories(work.resolve("evaluate"))));
        assertEquals(evaluate("class-path").values(), result.values(), "evaluated from its jar, the values it gives from the class path");
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

    /** Every key the metric reported on {@link #input()} is covered by one of its {@code measures()}. */
    @Test
    public void declaresEveryKeyItReports() throws Exception {
        assertDeclared((MetricPlugin) plugin(), evaluate("declared"));
    }

    /**
     * Fails, naming them, if {@code result} has keys none of {@code plugin}'s {@code measures()} covers: for a
     * plugin's own tests of the branches {@link #input()} does not reach (another target kind, NaN paths).
     */
    public static void assertDeclared(MetricPlugin plugin, MetricResult result) {
        List<String> undeclared = new ArrayList<>();
        for (String key : result.values().keySet()) {
            if (Measure.find(plugin.measures(), key).isEmpty()) {
                undeclared.add(key);
            }
        }
        assertEquals(List.of(), undeclared, "keys " + plugin.name() + " reports that none of its measures() covers (declare them, patterns allowed)");
    }

    /** The declarations are usable: at least one, each described, no key or pattern twice, every pattern reachable. */
    @Test
    public void declarationsAreValid() {
        List<Measure> declared = ((MetricPlugin) plugin()).measures();
        assertFalse(declared.isEmpty(), plugin().name() + " declares no measures()");
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            Measure m = declared.get(i);
            assertFalse(m.description().isBlank(), "measure '" + m.key() + "' needs a one-line description");
            assertTrue(keys.add(m.key()), "measure '" + m.key() + "' is declared twice");
            assertTrue(m.key().matches("[A-Za-z0-9_.\\-/ *]{1,200}"), "measure '" + m.key() + "' fits MLflow's key rules (plus '*')");
            for (int j = 0; j < i; j++) {
                // a pattern read as a key: if an earlier declaration covers it, this one can never win
                assertFalse(declared.get(j).matches(m.key()), "measure '" + m.key() + "' is hidden by the earlier '" + declared.get(j).key() + "'");
            }
        }
    }

    /** The minimum sizes are declared (the SPI's record checks each is at least 1). */
    @Test
    public void declaresMinimumSizes() {
        assertTrue(((MetricPlugin) plugin()).minimumSizes() != null, plugin().name() + " minimumSizes() is null");
    }
}
