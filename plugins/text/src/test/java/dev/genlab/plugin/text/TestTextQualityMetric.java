package dev.genlab.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers of {@code text-quality} computed by make_fixtures.py (plain Python and NLTK's BLEU), to 1e-9. */
class TestTextQualityMetric {
    @TempDir
    Path directory;

    private MetricResult evaluate(TextQualityConfig config, Corpus train, Corpus synthetic, long seed) {
        return new TextQualityMetric(config).evaluate(new EvaluationInput(train, train, synthetic), TestContexts.training(seed, directory));
    }

    @Test
    void matchesPythonOnTheFixtureCorpora() {
        MetricResult r = evaluate(new TextQualityConfig(List.of(1, 2, 3, 4, 5), 1000, 0), Fixtures.corpus("train"), Fixtures.corpus("synthetic"), 42);
        Map<String, Double> expected = Fixtures.expected("text_quality");
        assertEquals(expected.keySet(), r.values().keySet());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            Fixtures.assertClose(e.getValue(), r.get(e.getKey()), 1e-9, e.getKey());
        }
        assertEquals("distinct-2", r.headline());
    }

    @Test
    void selfBleuMatchesNltkOnSmallCases() {
        Map<String, Double> expected = Fixtures.expected("self_bleu_cases");
        Map<String, List<String>> cases = Fixtures.selfBleuCases();
        assertEquals(expected.keySet(), cases.keySet());
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            List<List<String>> words = TextQualityMetric.tokenise(Corpus.of(c.getValue()));
            assertEquals(expected.get(c.getKey()), SelfBleu.of(words), 1e-9, c.getKey());
        }
    }

    @Test
    void distinctAndNoveltyByHand() {
        List<List<String>> generated = TextQualityMetric.tokenise(Corpus.of(List.of("a b a b", "a b c")));
        // bigrams: ab ba ab | ab bc -> 3 unique of 5
        assertEquals(3.0 / 5, TextQualityMetric.distinct(generated, 2), 1e-15);
        // training bigrams {ab, bx}: novel occurrences are ba and bc -> 2 of 5
        assertEquals(2.0 / 5, TextQualityMetric.novelty(generated, TextQualityMetric.tokenise(Corpus.of(List.of("a b x"))), 2), 1e-15);
        assertTrue(Double.isNaN(TextQualityMetric.distinct(generated, 5)), "no 5-grams at all: undefined");
    }

    @Test
    void copyingTheTrainingTextHasNoveltyZeroAndSelfBleuOneForDuplicates() {
        Corpus train = Corpus.of(List.of("to be or not to be", "that is the question"));
        Corpus copies = Corpus.of(List.of("to be or not to be", "to be or not to be", "that is the question", "that is the question"));
        MetricResult r = evaluate(new TextQualityConfig(List.of(3, 5), 200, 0), train, copies, 1);
        assertEquals(0.0, r.get("novelty-3"));
        assertEquals(0.0, r.get("novelty-5"));
        assertEquals(1.0, r.get("self-bleu"), 1e-12);
    }

    @Test
    void emptyGenerationsAreUndefinedNotErrors() {
        MetricResult r = evaluate(new TextQualityConfig(List.of(3), 200, 5), Corpus.of(List.of("a b c")), Corpus.of(List.of("", " ")), 1);
        for (String key : List.of("distinct-1", "distinct-2", "distinct-3", "novelty-3")) {
            assertTrue(Double.isNaN(r.get(key)), key + " of no words: " + r.values());
        }
        assertEquals(0.0, r.get("self-bleu"), "a hypothesis without words scores 0, as in NLTK");
        assertEquals(0.5, r.get("mean-length"));
    }

    @Test
    void selfBleuUsesASeededSubsampleOfTheConfiguredSize() {
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            docs.add("w" + (i % 7) + " w" + (i % 5) + " w" + (i % 3) + " w" + (i % 2) + " end");
        }
        Corpus synthetic = Corpus.of(docs);
        TextQualityConfig ten = new TextQualityConfig(List.of(), 10, 0);
        MetricResult a = evaluate(ten, synthetic, synthetic, 5);
        assertEquals(a.values(), evaluate(ten, synthetic, synthetic, 5).values(), "same seed, same documents");
        assertNotEquals(a.get("self-bleu"), evaluate(ten, synthetic, synthetic, 6).get("self-bleu"), "another seed, other documents");
        assertFalse(a.values().containsKey("novelty-3"), "novelty-n = [] leaves novelty out");
        assertFalse(evaluate(new TextQualityConfig(List.of(), 0, 0), synthetic, synthetic, 5).values().containsKey("self-bleu"), "0 leaves self-BLEU out");
        // the subsample is what Documents.atMost draws from the context's "self-bleu" stream
        Corpus chosen = Documents.atMost(synthetic, 10, TestContexts.training(5, directory).random("self-bleu"));
        assertEquals(10, chosen.size());
        assertEquals(SelfBleu.of(TextQualityMetric.tokenise(chosen)), a.get("self-bleu"));
    }

    @Test
    void writesTheFirstSamplesAsAnArtifact() throws IOException {
        Corpus synthetic = Corpus.of(List.of("First Citizen:\nBefore we proceed", "All:\nSpeak, speak.", "third"));
        evaluate(new TextQualityConfig(List.of(3), 200, 2), synthetic, synthetic, 1);
        String text = Files.readString(directory.resolve("artifacts").resolve(TextQualityMetric.SAMPLES_ARTIFACT));
        assertEquals("""
                # the first 2 of 3 generated documents

                ===== sample 1 of 2 (32 characters) =====
                First Citizen:
                Before we proceed

                ===== sample 2 of 2 (18 characters) =====
                All:
                Speak, speak.
                """, text);
    }
}
