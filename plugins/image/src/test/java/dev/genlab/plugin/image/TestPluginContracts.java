package dev.genlab.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.testkit.DatasetPluginContract;
import dev.genlab.testkit.MetricPluginContract;
import dev.genlab.testkit.PluginHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The three plugins against the testkit's contracts, built as a run builds them, and their configs. */
class TestPluginContracts {
    @Nested
    class Digits extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new DigitsDatasetPlugin();
        }
    }

    @Nested
    class ImageCsv extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new ImageCsvDatasetPlugin();
        }

        @Override
        protected String settings() {
            try {
                Files.writeString(workDirectory.resolve("images.csv"), "a,b,c,d,label\n0,1,1,0,x\n1,0,0,1,y\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "path = images.csv, height = 2, width = 2, label = label";
        }

        @Test
        void configDefaultsMappingAndValidation() {
            assertEquals(new ImageCsvConfig("x.csv", 8, 8, 1, Optional.empty()),
                    PluginHarness.config(descriptor(), "path = x.csv, height = 8, width = 8"));
            assertEquals(new ImageCsvConfig("x.csv", 4, 5, 3, Optional.of("y")),
                    PluginHarness.config(descriptor(), "path = x.csv, height = 4, width = 5, channels = 3, label = y"));
            PluginConfigException e = assertThrows(PluginConfigException.class, () -> new ImageCsvConfig("x.csv", 8, 8, 2, Optional.empty()));
            assertEquals("channels", e.key());
            assertEquals("must be 1 (grey) or 3 (RGB), got 2", e.getMessage());
            assertEquals("height", assertThrows(PluginConfigException.class, () -> new ImageCsvConfig("x.csv", 0, 8, 1, Optional.empty())).key());
        }
    }

    @Nested
    class ImageQualityContract extends MetricPluginContract {
        @Override
        protected Plugin plugin() {
            return new ImageQualityMetricPlugin();
        }

        @Override
        protected String settings() {
            return "classifier-epochs = 3, max-images = 300";
        }

        @Override
        protected EvaluationInput input() {
            return new EvaluationInput(DigitsFixture.TRAIN, DigitsFixture.TEST, DigitsFixture.TEST.head(200));
        }

        @Test
        void configDefaultsMappingAndValidation() {
            assertEquals(ImageQualityConfig.DEFAULTS, PluginHarness.config(descriptor(), ""));
            assertEquals(new ImageQualityConfig(0, 3, 0.05, 10, 16), PluginHarness.config(descriptor(),
                    "max-images = 0, k = 3, class-min-share = 0.05, classifier-epochs = 10, grid-images = 16"));
            PluginConfigException e = assertThrows(PluginConfigException.class, () -> new ImageQualityConfig(2000, 0, 0.02, 30, 64));
            assertEquals("k", e.key());
            assertEquals("must be between 1 and 100, got 0", e.getMessage());
            assertEquals("class-min-share", assertThrows(PluginConfigException.class, () -> new ImageQualityConfig(2000, 5, 0, 30, 64)).key());
            assertEquals("max-images", assertThrows(PluginConfigException.class, () -> new ImageQualityConfig(5, 5, 0.02, 30, 64)).key());
        }
    }
}
