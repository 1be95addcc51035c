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

/** The testkit's metric contract for {@code detection}, and its config: defaults, full mapping, validation. */
class TestDetectionPlugin extends MetricPluginContract {
    @Override
    protected Plugin plugin() {
        return new DetectionMetricPlugin();
    }

    @Override
    protected String settings() {
        return "classifiers = [logistic-regression], folds = 2";
    }

    @Override
    protected EvaluationInput input() {
        Table[] t = TestFairnessMetric.fixture(null);
        return new EvaluationInput(t[0], t[1], t[2]);
    }

    @Test
    void configDefaultsMappingAndValidation() {
        assertEquals(new DetectionConfig(List.of(Classifier.LOGISTIC_REGRESSION, Classifier.GRADIENT_BOOSTING), 3, 20000), PluginHarness.config(descriptor(), ""));
        assertEquals(new DetectionConfig(List.of(Classifier.RANDOM_FOREST), 5, 0), PluginHarness.config(descriptor(), "classifiers = [random-forest], folds = 5, max-rows = 0"));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> new DetectionConfig(List.of(Classifier.RANDOM_FOREST), 1, 0));
        assertEquals("folds", e.key());
        assertEquals("must be between 2 and 20, got 1", e.getMessage());
    }
}
