package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import dev.genlab.spi.Plugin;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract refuses a setting named like a key genlab keeps for itself: a dataset's 'target' could never be set. */
class TestReservedKeys {
    public record ShadowedConfig(String target, int rows) {
    }

    static final class ShadowedPlugin implements DatasetPlugin {
        @Override
        public String name() {
            return "shadowed";
        }

        @Override
        public String description() {
            return "a dataset with a setting named target";
        }

        @Override
        public Set<Modality> modalities() {
            return Set.of(Modality.TABULAR);
        }

        @Override
        public Class<? extends Record> configClass() {
            return ShadowedConfig.class;
        }

        @Override
        public Class<? extends Dataset> datasetClass() {
            return null;
        }
    }

    @Test
    void aDatasetSettingNamedTargetFailsTheContract() {
        DatasetPluginContract contract = new DatasetPluginContract() {
            @Override
            protected Plugin plugin() {
                return new ShadowedPlugin();
            }
        };
        AssertionError e = assertThrows(AssertionError.class, contract::usesNoReservedKey);
        assertEquals("settings of " + ShadowedConfig.class.getName() + " named like keys genlab reserves in a dataset block"
                + " [sensitive, target, type]; rename them ==> expected: <[]> but was: <[target]>", e.getMessage());
    }
}
