package dev.genlab.plugin.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.Column;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.MetricPluginContract;
import dev.genlab.testkit.PluginHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestFidelityPlugin extends MetricPluginContract {
    @Override
    protected Plugin plugin() {
        return new FidelityMetricPlugin();
    }

    @Override
    protected EvaluationInput input() {
        Schema schema = Schema.of(Column.numeric("x"), Column.categorical("g", List.of("a", "b")));
        Table real = Table.of(schema, List.of(new double[] {1, 2, 3, 4}, new int[] {0, 1, 0, 1}));
        Table synthetic = Table.of(schema, List.of(new double[] {1.5, 2, 2.5, 9}, new int[] {0, 0, 0, 1}));
        return new EvaluationInput(real, real, synthetic);
    }

    @Test
    void configDefaultsAndValidation() {
        assertEquals(new FidelityConfig(FidelityConfig.Correlation.PEARSON, 10), PluginHarness.config(descriptor(), ""));
        assertEquals(new FidelityConfig(FidelityConfig.Correlation.SPEARMAN, 20), PluginHarness.config(descriptor(), "correlation = spearman, bins = 20"));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> new FidelityConfig(FidelityConfig.Correlation.PEARSON, 1));
        assertEquals("bins", e.key());
        assertEquals("must be between 2 and 1000, got 1", e.getMessage());
    }
}
