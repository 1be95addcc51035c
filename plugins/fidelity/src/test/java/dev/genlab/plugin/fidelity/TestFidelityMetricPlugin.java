package dev.genlab.plugin.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Modality;
import dev.genlab.spi.Plugin;
import dev.genlab.testkit.MetricPluginContract;
import dev.genlab.testkit.PluginHarness;
import jakarta.inject.Inject;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Set;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.Test;

/** The testkit's metric contract, plus what the runtime relies on: names, classes, one injectable constructor. */
class TestFidelityMetricPlugin extends MetricPluginContract {
    @Override
    protected Plugin plugin() {
        return new FidelityMetricPlugin();
    }

    @Override
    protected EvaluationInput input() {
        FixtureTables.Pair tables = FixtureTables.load("mixed");
        return new EvaluationInput(tables.real(), tables.real(), tables.synthetic());
    }

    @Test
    void describesItself() {
        FidelityMetricPlugin plugin = new FidelityMetricPlugin();
        assertEquals("fidelity", plugin.name());
        assertEquals(Set.of(Modality.TABULAR), plugin.modalities());
        assertEquals(FidelityConfig.class, plugin.configClass());
        assertEquals(FidelityMetric.class, plugin.metricClass());
    }

    @Test
    void hasOneInjectableConstructorTakingItsConfig() {
        Constructor<?>[] constructors = FidelityMetric.class.getConstructors();
        assertEquals(1, constructors.length);
        assertTrue(constructors[0].isAnnotationPresent(Inject.class));
        assertEquals(FidelityConfig.class, constructors[0].getParameterTypes()[0]);
        assertEquals(1, constructors[0].getParameterCount());
    }

    @Test
    void builtByTheRuntimeItScoresWithOverallAsHeadline() throws Exception {
        Metric metric = PluginHarness.create(descriptor(), "correlation = spearman", Metric.class);
        MetricResult result = metric.evaluate(input(), dev.genlab.testkit.TestContexts.training(1, workDirectory));
        assertEquals("overall", result.headline());
        assertTrue(result.get("overall") > 0.5 && result.get("overall") < 1, "mixed fixture: " + result.get("overall"));
    }

    @Test
    void declarationsGiveEachKeyItsGoal() {
        List<Measure> measures = new FidelityMetricPlugin().measures();
        Measure overall = Measure.find(measures, "overall").orElseThrow();
        assertEquals(Measure.Goal.MAXIMISE, overall.goal());
        assertEquals(new Measure.Threshold(0.90, 0.80), overall.threshold().orElseThrow());
        Measure column = Measure.find(measures, "ks-complement.age").orElseThrow();
        assertEquals("ks-complement.age", column.key());
        assertEquals(1.0, column.ideal());
        assertTrue(column.threshold().isEmpty());
    }

    @Test
    void theContractNamesTheKeysNoDeclarationCovers() throws Exception {
        FidelityMetricPlugin real = new FidelityMetricPlugin();
        MetricPlugin summariesOnly = new MetricPlugin() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public String description() {
                return real.description();
            }

            @Override
            public Set<Modality> modalities() {
                return real.modalities();
            }

            @Override
            public Class<? extends Record> configClass() {
                return real.configClass();
            }

            @Override
            public Class<? extends Metric> metricClass() {
                return real.metricClass();
            }

            @Override
            public List<Measure> measures() {
                return real.measures().stream().filter(m -> !m.key().endsWith("*")).toList();
            }
        };
        MetricResult result = new FidelityMetric(FidelityConfig.defaults()).evaluate(input(),
                dev.genlab.testkit.TestContexts.training(1, java.nio.file.Files.createDirectories(workDirectory.resolve("undeclared"))));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> MetricPluginContract.assertDeclared(summariesOnly, result));
        List<String> perColumn = result.values().keySet().stream().filter(k -> k.contains(".")).toList();
        assertTrue(!perColumn.isEmpty() && e.getMessage().contains(perColumn.toString()), e.getMessage());
        MetricPluginContract.assertDeclared(real, result);
    }
}
