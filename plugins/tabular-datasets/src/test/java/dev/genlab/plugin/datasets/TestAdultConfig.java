package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.PluginConfigException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestAdultConfig {
    @Test
    void referenceConfDocumentsEveryKey() {
        ConfigBinding.assertDocumentedDefaults(AdultConfig.class, "adult", Set.of());
    }

    @Test
    void defaults() {
        assertEquals(new AdultConfig(AdultConfig.Part.TRAIN, List.of(), Optional.empty()), ConfigBinding.bind(AdultConfig.class, "adult", ""));
    }

    @Test
    void fullMapping() {
        assertEquals(new AdultConfig(AdultConfig.Part.ALL, List.of("fnlwgt", "education-num"), Optional.of(100)),
                ConfigBinding.bind(AdultConfig.class, "adult", "part = all, drop-columns = [fnlwgt, education-num], max-rows = 100"));
        assertEquals(AdultConfig.Part.TEST, ConfigBinding.bind(AdultConfig.class, "adult", "part = test").part());
    }

    @Test
    void unknownPartListsTheParts() {
        assertEquals(List.of("dataset.part: 'validation' is not valid (valid values: train, test, all)"),
                ConfigBinding.problems(AdultConfig.class, "adult", "part = validation"));
    }

    @Test
    void validationNamesTheKey() {
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> new AdultConfig(AdultConfig.Part.TRAIN, List.of("salary"), Optional.empty()));
        assertEquals("drop-columns", e.key());
        assertEquals("Adult has no column 'salary'; columns: age, workclass, fnlwgt, education, education-num, marital-status, occupation, "
                + "relationship, race, sex, capital-gain, capital-loss, hours-per-week, native-country, income", e.getMessage());
        e = assertThrows(PluginConfigException.class, () -> new AdultConfig(AdultConfig.Part.TRAIN, List.of("income"), Optional.empty()));
        assertEquals("drop-columns: income is Adult's target and cannot be dropped", e.key() + ": " + e.getMessage());
        assertEquals(List.of("dataset.max-rows: must be at least 1, got 0"), ConfigBinding.problems(AdultConfig.class, "adult", "max-rows = 0"));
    }
}
