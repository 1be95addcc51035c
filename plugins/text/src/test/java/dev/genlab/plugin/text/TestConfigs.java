package dev.genlab.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.spi.PluginConfigException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each config record: defaults, full mapping from HOCON, and validation messages naming the key. */
class TestConfigs {
    private static <R extends Record> R bind(Class<R> type, String kind, String plugin, String settings) {
        Problems problems = new Problems();
        R config = RecordBinder.bind(type, ConfigFactory.parseString(settings),
                ConfigFactory.parseResources("reference.conf").getConfig("genlab." + kind + "." + plugin), kind, kind + " type '" + plugin + "'", problems);
        assertEquals(List.of(), problems.list(), "problems binding " + settings);
        return config;
    }

    private static List<String> problems(Class<? extends Record> type, String kind, String plugin, String settings) {
        Problems problems = new Problems();
        RecordBinder.bind(type, ConfigFactory.parseString(settings),
                ConfigFactory.parseResources("reference.conf").getConfig("genlab." + kind + "." + plugin), kind, kind + " type '" + plugin + "'", problems);
        return problems.list().stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    private static void assertKey(String key, String message, Runnable build) {
        PluginConfigException e = assertThrows(PluginConfigException.class, build::run);
        assertEquals(key + ": " + message, e.key() + ": " + e.getMessage());
    }

    @Test
    void shakespeare() {
        assertEquals(new ShakespeareConfig(ShakespeareConfig.Unit.SPEECHES, Optional.empty()), bind(ShakespeareConfig.class, "dataset", "shakespeare", ""));
        assertEquals(new ShakespeareConfig(ShakespeareConfig.Unit.LINES, Optional.of(500)),
                bind(ShakespeareConfig.class, "dataset", "shakespeare", "unit = lines, max-documents = 500"));
        assertEquals(List.of("dataset.unit: 'words' is not valid (valid values: speeches, lines)"),
                problems(ShakespeareConfig.class, "dataset", "shakespeare", "unit = words"));
        assertEquals(List.of("dataset.max-documents: must be at least 1 (leave it out for all documents), got 0"),
                problems(ShakespeareConfig.class, "dataset", "shakespeare", "max-documents = 0"));
    }

    @Test
    void text() {
        assertEquals(new TextConfig("tunes.abc", Split.PARAGRAPHS, Optional.empty()), bind(TextConfig.class, "dataset", "text", "path = tunes.abc"));
        assertEquals(new TextConfig("data/a.txt", Split.NONE, Optional.of(10)),
                bind(TextConfig.class, "dataset", "text", "path = \"data/a.txt\", split = none, max-documents = 10"));
        assertEquals(List.of("dataset.path: missing required key for dataset type 'text'"), problems(TextConfig.class, "dataset", "text", ""));
        assertEquals(List.of("dataset.split: 'words' is not valid (valid values: paragraphs, lines, none)"),
                problems(TextConfig.class, "dataset", "text", "path = a.txt, split = words"));
        assertKey("path", "must name a UTF-8 text file", () -> new TextConfig(" ", Split.LINES, Optional.empty()));
    }

    @Test
    void lines() {
        assertEquals(new LinesConfig("names.txt", Optional.empty()), bind(LinesConfig.class, "dataset", "lines", "path = names.txt"));
        assertEquals(new LinesConfig("names.txt", Optional.of(3)), bind(LinesConfig.class, "dataset", "lines", "path = names.txt, max-documents = 3"));
        assertEquals(List.of("dataset.path: missing required key for dataset type 'lines'"), problems(LinesConfig.class, "dataset", "lines", ""));
        assertKey("max-documents", "must be at least 1 (leave it out for all documents), got -2", () -> new LinesConfig("a", Optional.of(-2)));
    }

    @Test
    void perplexity() {
        assertEquals(new PerplexityConfig(0), bind(PerplexityConfig.class, "metric", "perplexity", ""));
        assertEquals(new PerplexityConfig(100), bind(PerplexityConfig.class, "metric", "perplexity", "max-documents = 100"));
        assertKey("max-documents", "must be 0 (all held-out documents) or positive, got -1", () -> new PerplexityConfig(-1));
    }

    @Test
    void textQuality() {
        assertEquals(new TextQualityConfig(List.of(3, 5), 200, 20), bind(TextQualityConfig.class, "metric", "text-quality", ""));
        assertEquals(new TextQualityConfig(List.of(2), 0, 5),
                bind(TextQualityConfig.class, "metric", "text-quality", "novelty-n = [2], self-bleu-documents = 0, samples = 5"));
        assertKey("novelty-n", "each n-gram size must be between 1 and 20, got 0", () -> new TextQualityConfig(List.of(0), 200, 20));
        assertKey("novelty-n", "lists a size twice: [3, 3]", () -> new TextQualityConfig(List.of(3, 3), 200, 20));
        assertKey("self-bleu-documents", "must be 0 (no self-BLEU) or at least 2, got 1", () -> new TextQualityConfig(List.of(3), 1, 20));
        assertKey("samples", "must be 0 (no samples.txt) or positive, got -1", () -> new TextQualityConfig(List.of(3), 200, -1));
        assertEquals(List.of("metric.samples: must be 0 (no samples.txt) or positive, got -1"),
                problems(TextQualityConfig.class, "metric", "text-quality", "samples = -1"));
    }
}
