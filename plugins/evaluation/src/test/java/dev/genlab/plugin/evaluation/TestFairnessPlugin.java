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

/** The testkit's metric contract for {@code fairness}, and its config: defaults, full mapping, validation. */
class TestFairnessPlugin extends MetricPluginContract {
    @Override
    protected Plugin plugin() {
        return new FairnessMetricPlugin();
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
        assertEquals(new FairnessConfig(Classifier.LOGISTIC_REGRESSION, true, Optional.empty(), Map.of(), 0.8), PluginHarness.config(descriptor(), ""));
        assertEquals(new FairnessConfig(Classifier.GRADIENT_BOOSTING, false, Optional.of(">50K"), Map.of("sex", "Male"), 0.5), PluginHarness.config(descriptor(), "classifier = gradient-boosting, intersections = false, favorable-label = \">50K\", privileged-groups { sex = Male }, min-share-ratio = 0.5"));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> new FairnessConfig(Classifier.LOGISTIC_REGRESSION, true, Optional.empty(), Map.of(), 0));
        assertEquals("min-share-ratio", e.key());
        assertEquals("must be in (0, 1], got 0.0", e.getMessage());
    }
}
