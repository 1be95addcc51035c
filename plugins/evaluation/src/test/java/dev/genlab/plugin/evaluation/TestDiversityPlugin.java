package dev.genlab.plugin.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Table;
import dev.genlab.testkit.MetricPluginContract;
import dev.genlab.testkit.PluginHarness;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The testkit's metric contract for {@code diversity}, and its config: defaults, full mapping, validation. */
class TestDiversityPlugin extends MetricPluginContract {
    @Override
    protected Plugin plugin() {
        return new DiversityMetricPlugin();
    }

    @Override
    protected String settings() {
        return "";
    }

    @Override
    protected EvaluationInput input() {
        Table[] t = TestFairnessMetric.fixture(null);
        return new EvaluationInput(t[0], t[1], t[2]);
    }

    @Test
    void configDefaultsMappingAndValidation() {
        assertEquals(new DiversityConfig(5, 10000), PluginHarness.config(descriptor(), ""));
        assertEquals(new DiversityConfig(3, 0), PluginHarness.config(descriptor(), "nearest-k = 3, max-rows = 0"));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> new DiversityConfig(0, 10));
        assertEquals("nearest-k", e.key());
        assertEquals("must be between 1 and 100, got 0", e.getMessage());
    }
}
