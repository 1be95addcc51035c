package dev.genlab.plugin.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Data;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Plugin;
import dev.genlab.testkit.ModelPluginContract;
import dev.genlab.testkit.PluginHarness;
import org.junit.jupiter.api.Test;

/** The testkit's contract, with the plugin built as a run builds it (ServiceLoader, config binder, Guice). */
class TestCopulaModelPlugin extends ModelPluginContract {
    @Override
    protected Plugin plugin() {
        return new CopulaModelPlugin();
    }

    @Override
    protected Data trainingData() {
        return SyntheticTables.correlated(1000, 17);
    }

    @Test
    void bindsEveryKeyFromHocon() {
        Record config = PluginHarness.config(descriptor(), """
                numeric-marginal = gaussian
                correlated-missingness = false
                clip-to-range = false
                min-eigenvalue = 1e-4
                min-acceptance-rate = 0.01
                """);
        assertEquals(new CopulaConfig(NumericMarginal.GAUSSIAN, false, false, 1e-4, 0.01), config);
        assertEquals(CopulaConfig.defaults(), PluginHarness.config(descriptor(), ""));
    }

    @Test
    void reportsBadValuesByKey() {
        String message = assertThrows(AssertionError.class,
                () -> PluginHarness.create(descriptor(), "min-eigenvalue = 0", GenerativeModel.class)).getMessage();
        assertTrue(message.contains("min-eigenvalue") && message.contains("must be greater than 0 and less than 1"), message);
        message = assertThrows(AssertionError.class, () -> PluginHarness.config(descriptor(), "numeric-marginal = kde")).getMessage();
        assertTrue(message.contains("numeric-marginal") && message.contains("empirical"), message);
    }
}
