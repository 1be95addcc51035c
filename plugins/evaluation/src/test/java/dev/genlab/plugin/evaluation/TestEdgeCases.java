package dev.genlab.plugin.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Table;
import dev.genlab.testkit.MetricPluginContract;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Degenerate inputs give NaN values and a note, never an exception. */
class TestEdgeCases {
    @TempDir
    Path dir;

    /** The descriptor of {@code metric}, whose measures() must cover its keys on these inputs too (NaN branches). */
    private static MetricPlugin pluginOf(Metric metric) {
        for (MetricPlugin p : List.of(new DetectionMetricPlugin(), new UtilityMetricPlugin(), new PrivacyMetricPlugin(), new DiversityMetricPlugin(),
                new FairnessMetricPlugin())) {
            if (p.metricClass() == metric.getClass()) {
                return p;
            }
        }
        throw new AssertionError("no descriptor for " + metric.getClass());
    }

    private static List<Metric> metrics() {
        return List.of(new DetectionMetric(new DetectionConfig(List.of(Classifier.LOGISTIC_REGRESSION), 3, 0)),
                new UtilityMetric(new UtilityConfig(List.of(Classifier.LOGISTIC_REGRESSION), 0)),
                new PrivacyMetric(new PrivacyConfig(0, 0.01)),
                new DiversityMetric(new DiversityConfig(5, 0)),
                new FairnessMetric(new FairnessConfig(Classifier.LOGISTIC_REGRESSION, true, Optional.empty(), Map.of(), 0.8)));
    }

    @Test
    void anEmptySyntheticTableGivesNaNsNotExceptions() throws Exception {
        Table[] t = TestFairnessMetric.fixture(null);
        EvaluationInput input = new EvaluationInput(t[0], t[1], t[2].head(0));
        for (Metric metric : metrics()) {
            String name = metric.getClass().getSimpleName();
            MetricResult result = metric.evaluate(input, TestContexts.training(1, Files.createDirectories(dir.resolve(name))));
            assertTrue(Double.isNaN(result.get(result.headline())), name + " " + result.headline() + " = " + result.get(result.headline()));
            MetricPluginContract.assertDeclared(pluginOf(metric), result);
        }
    }

    @Test
    void identicalTablesEverywhere() throws Exception {
        Table[] t = TestFairnessMetric.fixture(null);
        EvaluationInput input = new EvaluationInput(t[0], t[1], t[0]);
        Map<String, Double> expected = Map.of("DetectionMetric", 1.0, "UtilityMetric", Double.NaN, "PrivacyMetric", Double.NaN,
                "DiversityMetric", 1.0, "FairnessMetric", 0.0);
        for (Metric metric : metrics()) {
            String name = metric.getClass().getSimpleName();
            MetricResult result = metric.evaluate(input, TestContexts.training(1, Files.createDirectories(dir.resolve(name))));
            double want = expected.get(name);
            if (!Double.isNaN(want)) {
                assertEquals(want, result.get(result.headline()), 1e-12, name + " " + result.headline());
            }
            assertFalse(result.values().isEmpty());
            MetricPluginContract.assertDeclared(pluginOf(metric), result);
        }
    }
}
