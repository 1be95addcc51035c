package dev.genlab.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import dev.genlab.spi.Corpus;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The corpora and known answers made by src/test/resources/fixtures/make_fixtures.py (Python, NLTK). */
final class Fixtures {
    private Fixtures() {
    }

    private static Config json(String name) {
        try (Reader r = new InputStreamReader(Fixtures.class.getResourceAsStream("/fixtures/" + name), StandardCharsets.UTF_8)) {
            return ConfigFactory.parseReader(r, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A corpus of corpora.json: train, test or synthetic. */
    static Corpus corpus(String name) {
        return Corpus.of(json("corpora.json").getStringList(name));
    }

    /** The self-BLEU cases of corpora.json, by name. */
    static Map<String, List<String>> selfBleuCases() {
        Config cases = json("corpora.json").getConfig("self_bleu_cases");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String key : cases.root().keySet()) {
            out.put(key, cases.getStringList("\"" + key + "\""));
        }
        return out;
    }

    /** One section of expected.json as numbers. */
    static Map<String, Double> expected(String section) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : json("expected.json").getConfig(section).root().entrySet()) {
            out.put(e.getKey(), ((Number) e.getValue().unwrapped()).doubleValue());
        }
        return out;
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, tolerance, what);
        }
    }
}
