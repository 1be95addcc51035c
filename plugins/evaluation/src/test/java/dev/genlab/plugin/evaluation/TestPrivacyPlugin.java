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

/** The testkit's metric contract for {@code privacy}, and its config: defaults, full mapping, validation. */
class TestPrivacyPlugin extends MetricPluginContract {
    @Override
    protected Plugin plugin() {
        return new PrivacyMetricPlugin();
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
        assertEquals(new PrivacyConfig(0, 0.01), PluginHarness.config(descriptor(), ""));
        assertEquals(new PrivacyConfig(1000, 0.05), PluginHarness.config(descriptor(), "max-rows = 1000, max-excess-copy-rate = 0.05"));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> new PrivacyConfig(0, 1.5));
        assertEquals("max-excess-copy-rate", e.key());
        assertEquals("must be in [0, 1], got 1.5", e.getMessage());
    }
}
