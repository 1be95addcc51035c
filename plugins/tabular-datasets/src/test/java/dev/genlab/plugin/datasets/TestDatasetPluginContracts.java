package dev.genlab.plugin.datasets;

import dev.genlab.spi.Plugin;
import dev.genlab.testkit.DatasetPluginContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Nested;

/** Every plugin of this module against the testkit's dataset contract, built through the runtime as a run builds them. */
class TestDatasetPluginContracts {
    @Nested
    class Csv extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new CsvDatasetPlugin();
        }

        @Override
        protected String settings() {
            try {
                Files.writeString(workDirectory.resolve("people.csv"), "age,city\n31,Oslo\n45,Bergen\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "path = people.csv";
        }
    }

    @Nested
    class Adult extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new AdultDatasetPlugin();
        }

        @Override
        protected String settings() {
            return "max-rows = 500";
        }
    }

    @Nested
    class HeartDisease extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new HeartDiseaseDatasetPlugin();
        }
    }

    @Nested
    class BreastCancer extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new BreastCancerDatasetPlugin();
        }
    }

    @Nested
    class Diabetes extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new DiabetesDatasetPlugin();
        }
    }
}
