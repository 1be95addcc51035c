package dev.genlab.plugin.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import jakarta.inject.Inject;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCopulaConfig {
    private static Config reference() {
        return ConfigFactory.parseResources("reference.conf").getConfig("genlab.model.copula");
    }

    private static String kebab(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @Test
    void referenceConfHasExactlyTheRecordComponentsWithDescriptions() {
        Config config = reference();
        Set<String> expected = new TreeSet<>();
        for (RecordComponent c : CopulaConfig.class.getRecordComponents()) {
            expected.add(kebab(c.getName()));
        }
        assertEquals(expected, new TreeSet<>(config.root().keySet()));
        for (String key : expected) {
            assertFalse(config.getValue(key).origin().comments().isEmpty(), "no description comment above " + key);
        }
    }

    @Test
    void defaultsMatchReferenceConf() throws Exception {
        Config config = reference();
        RecordComponent[] components = CopulaConfig.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = kebab(components[i].getName());
            Class<?> type = components[i].getType();
            types[i] = type;
            if (type == boolean.class) {
                values[i] = config.getBoolean(key);
            } else if (type == double.class) {
                values[i] = config.getDouble(key);
            } else if (type == NumericMarginal.class) {
                values[i] = NumericMarginal.valueOf(config.getString(key).toUpperCase(Locale.ROOT).replace('-', '_'));
            } else {
                throw new AssertionError("unexpected component type " + type);
            }
        }
        Constructor<CopulaConfig> canonical = CopulaConfig.class.getDeclaredConstructor(types);
        assertEquals(CopulaConfig.defaults(), canonical.newInstance(values));
        assertEquals(new CopulaConfig(NumericMarginal.EMPIRICAL, true, true, 1e-6, 1e-3), CopulaConfig.defaults());
    }

    @Test
    void validationNamesTheKey() {
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> new CopulaConfig(null, true, true, 1e-6, 1e-3));
        assertEquals("numeric-marginal", e.key());
        assertEquals("must be one of empirical, gaussian", e.getMessage());

        e = assertThrows(PluginConfigException.class, () -> new CopulaConfig(NumericMarginal.EMPIRICAL, true, true, 0, 1e-3));
        assertEquals("min-eigenvalue", e.key());
        assertEquals("must be greater than 0 and less than 1, was 0.0", e.getMessage());
        assertThrows(PluginConfigException.class, () -> new CopulaConfig(NumericMarginal.EMPIRICAL, true, true, 1, 1e-3));
        assertThrows(PluginConfigException.class, () -> new CopulaConfig(NumericMarginal.EMPIRICAL, true, true, Double.NaN, 1e-3));

        e = assertThrows(PluginConfigException.class, () -> new CopulaConfig(NumericMarginal.GAUSSIAN, true, true, 1e-6, 0));
        assertEquals("min-acceptance-rate", e.key());
        assertEquals("must be greater than 0 and at most 1, was 0.0", e.getMessage());
        assertThrows(PluginConfigException.class, () -> new CopulaConfig(NumericMarginal.GAUSSIAN, true, true, 1e-6, 1.5));
        new CopulaConfig(NumericMarginal.GAUSSIAN, false, false, 0.5, 1);
    }

    @Test
    void pluginIsDiscoveredWithItsContract() {
        List<ModelPlugin> found = new ArrayList<>();
        ServiceLoader.load(ModelPlugin.class).forEach(found::add);
        ModelPlugin plugin = found.stream().filter(p -> p.name().equals("copula")).findFirst().orElseThrow();
        assertTrue(plugin instanceof CopulaModelPlugin);
        assertEquals(Set.of(Modality.TABULAR), plugin.modalities());
        assertEquals(CopulaConfig.class, plugin.configClass());
        assertEquals(CopulaModel.class, plugin.modelClass());
        assertFalse(plugin.description().isBlank());

        Constructor<?>[] constructors = CopulaModel.class.getConstructors();
        assertEquals(1, constructors.length);
        assertTrue(constructors[0].isAnnotationPresent(Inject.class));
        assertEquals(List.of(CopulaConfig.class), List.of(constructors[0].getParameterTypes()));
    }

    /** Smoke test the way the runtime builds the model: through the descriptor's class and its inject constructor. */
    @Test
    void modelBuiltThroughTheDescriptorFitsAndSamples(@TempDir Path directory) throws Exception {
        ModelPlugin plugin = new CopulaModelPlugin();
        GenerativeModel model = (GenerativeModel) plugin.modelClass().getConstructors()[0].newInstance(CopulaConfig.defaults());
        Table train = SyntheticTables.correlated(200, 1);
        Table sample = model.fit(train, TestContexts.training(7, directory)).sample(50, 7).asTable();
        assertEquals(train.schema(), sample.schema());
        assertEquals(50, sample.rowCount());
    }
}
