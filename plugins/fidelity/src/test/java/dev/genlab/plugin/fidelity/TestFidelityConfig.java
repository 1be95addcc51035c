package dev.genlab.plugin.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.genlab.plugin.fidelity.FidelityConfig.Correlation;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.testkit.PluginHarness;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TestFidelityConfig {
    private static Config reference() {
        return ConfigFactory.parseResources("reference.conf").getConfig("genlab.metric.fidelity");
    }

    private static String kebab(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static PluginDescriptor descriptor() {
        return PluginHarness.descriptor(PluginKind.METRIC, "fidelity");
    }

    @Test
    void referenceConfHasExactlyTheRecordComponentsEachWithADescription() {
        Config config = reference();
        Set<String> expected = new TreeSet<>();
        for (RecordComponent c : FidelityConfig.class.getRecordComponents()) {
            expected.add(kebab(c.getName()));
        }
        assertEquals(Set.of("correlation", "bins"), expected);
        assertEquals(expected, new TreeSet<>(config.root().keySet()));
        for (String key : expected) {
            assertFalse(config.getValue(key).origin().comments().isEmpty(), "no '#' description above " + key);
        }
    }

    @Test
    void defaults() {
        Config config = reference();
        assertEquals("pearson", config.getString("correlation"));
        assertEquals(10, config.getInt("bins"));
        assertEquals(new FidelityConfig(Correlation.PEARSON, 10), FidelityConfig.defaults());
        assertEquals(FidelityConfig.defaults(), PluginHarness.config(descriptor(), ""));
    }

    @Test
    void everyKeyBindsFromHocon() {
        assertEquals(new FidelityConfig(Correlation.SPEARMAN, 20), PluginHarness.config(descriptor(), "correlation = spearman, bins = 20"));
    }

    @Test
    void validationNamesTheKeyAndTheRange() {
        PluginConfigException tooFew = assertThrows(PluginConfigException.class, () -> new FidelityConfig(Correlation.PEARSON, 1));
        assertEquals("bins", tooFew.key());
        assertEquals("must be between 2 and 1000, was 1", tooFew.getMessage());
        PluginConfigException tooMany = assertThrows(PluginConfigException.class, () -> new FidelityConfig(Correlation.PEARSON, 1001));
        assertEquals("must be between 2 and 1000, was 1001", tooMany.getMessage());
        PluginConfigException none = assertThrows(PluginConfigException.class, () -> new FidelityConfig(null, 10));
        assertEquals("correlation", none.key());
        assertEquals("must be one of pearson, spearman", none.getMessage());
    }

    @Test
    void theBinderReportsBadValuesWithTheirKeys() {
        AssertionError bins = assertThrows(AssertionError.class, () -> PluginHarness.config(descriptor(), "bins = 0"));
        assertTrue(bins.getMessage().contains("bins") && bins.getMessage().contains("must be between 2 and 1000, was 0"), bins.getMessage());
        AssertionError kendall = assertThrows(AssertionError.class, () -> PluginHarness.config(descriptor(), "correlation = kendall"));
        assertTrue(kendall.getMessage().contains("kendall") && kendall.getMessage().contains("pearson, spearman"), kendall.getMessage());
    }
}
