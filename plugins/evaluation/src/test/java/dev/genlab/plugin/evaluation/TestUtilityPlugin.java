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

/** The testkit's metric contract for {@code utility}, and its config: defaults, full mapping, validation. */
class TestUtilityPlugin extends MetricPluginContract {
    @Override
    protected Plugin plugin() {
        return new UtilityMetricPlugin();
    }

    @Override
    protected String settings() {
        return "classifiers = [logistic-regression]";
    }

    @Override
    protected EvaluationInput input() {
        Table[] t = TestFairnessMetric.fixture(null);
        return new EvaluationInput(t[0], t[1], t[2]);
    }

    @Test
    void configDefaultsMappingAndValidation() {
        assertEquals(new UtilityConfig(List.of(Classifier.LOGISTIC_REGRESSION, Classifier.GRADIENT_BOOSTING), 0), PluginHarness.config(descriptor(), ""));
        assertEquals(new UtilityConfig(List.of(Classifier.RANDOM_FOREST, Classifier.LOGISTIC_REGRESSION), 500), PluginHarness.config(descriptor(), "classifiers = [random-forest, logistic-regression], max-rows = 500"));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> new UtilityConfig(List.of(Classifier.RANDOM_FOREST, Classifier.RANDOM_FOREST), 0));
        assertEquals("classifiers", e.key());
        assertEquals("lists a classifier twice: [random-forest, random-forest]", e.getMessage());
    }
}
