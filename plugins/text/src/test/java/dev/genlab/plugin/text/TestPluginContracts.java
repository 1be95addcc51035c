package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Plugin;
import dev.genlab.testkit.DatasetPluginContract;
import dev.genlab.testkit.MetricPluginContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/** All five plugins against the testkit's contracts, built through the runtime as a run builds them. */
class TestPluginContracts {
    @Nested
    class Shakespeare extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new ShakespeareDatasetPlugin();
        }

        @Override
        protected String settings() {
            return "max-documents = 200";
        }
    }

    @Nested
    class Text extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new TextDatasetPlugin();
        }

        @Override
        protected String settings() {
            write("X:1\nT:One\nK:C\nCDEF|\n\nX:2\nT:Two\nK:G\nGABc|\n");
            return "path = tunes.abc";
        }

        private void write(String content) {
            try {
                Files.writeString(workDirectory.resolve("tunes.abc"), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Nested
    class Lines extends DatasetPluginContract {
        @Override
        protected Plugin plugin() {
            return new LinesDatasetPlugin();
        }

        @Override
        protected String settings() {
            try {
                Files.writeString(workDirectory.resolve("names.txt"), "Anna\nBen\n\nCarl\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "path = names.txt";
        }
    }

    @Nested
    class Perplexity extends MetricPluginContract {
        @Override
        protected Plugin plugin() {
            return new PerplexityMetricPlugin();
        }

        @Override
        protected EvaluationInput input() {
            Corpus train = Fixtures.corpus("train");
            return new EvaluationInput(train, Fixtures.corpus("test"), Fixtures.corpus("synthetic"), Optional.of(new Models.Bigram(train)));
        }
    }

    @Nested
    class TextQuality extends MetricPluginContract {
        @Override
        protected Plugin plugin() {
            return new TextQualityMetricPlugin();
        }

        @Override
        protected String settings() {
            return "self-bleu-documents = 20";
        }

        @Override
        protected EvaluationInput input() {
            return new EvaluationInput(Fixtures.corpus("train"), Fixtures.corpus("test"), Fixtures.corpus("synthetic"));
        }
    }
}
