package dev.genlab.plugin.deeptext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.Column;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.DataException;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.spi.TextLikelihood.NegativeLogLikelihood;
import dev.genlab.spi.TextLikelihood;
import dev.genlab.testkit.PluginHarness;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour both character models share: determinism, resume, metrics, sampling options, likelihood, bad input. */
class TestTextModels {
    private static final Corpus SPEECHES = Shakespeare.corpus(6000);

    @TempDir
    Path work;

    private TestContexts.RecordingContext context(long seed, String name) throws IOException {
        return TestContexts.training(seed, Files.createDirectories(work.resolve(name)));
    }

    private FittedModel fit(String model, String settings, long seed, String name) throws IOException {
        return Models.model(model, settings).fit(SPEECHES, context(seed, name));
    }

    /** A model saved once and loaded under other (sampling) settings. */
    private FittedModel reload(String model, FittedModel fitted, String settings) throws IOException {
        Path dir = Files.createDirectories(work.resolve("saved-" + model + "-" + Math.abs(settings.hashCode())));
        fitted.save(dir);
        return Models.model(model, settings).load(dir);
    }

    private static List<String> documents(FittedModel fitted, int n, long seed) {
        return fitted.sample(n, seed).asCorpus().documents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void threeFitsWithOneSeedSampleTheSameDocuments(String model) throws IOException {
        List<String> first = documents(fit(model, "epochs = 2", 11, "a"), 20, 5);
        for (String run : List.of("b", "c")) {
            assertEquals(first, documents(fit(model, "epochs = 2", 11, run), 20, 5), model + " fit " + run);
        }
        assertNotEquals(first, documents(fit(model, "epochs = 2", 12, "other"), 20, 5), "another run seed trains another model");
    }

    /** Training 2 epochs, stopping, and resuming to 4 gives exactly the model of 4 uninterrupted epochs. */
    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void resumeContinuesExactlyWhereTheCheckpointLeftOff(String model) throws IOException {
        TestContexts.RecordingContext straight = context(21, "straight");
        FittedModel expected = Models.model(model, "epochs = 4, checkpoint-every = 2").fit(SPEECHES, straight);
        assertTrue(Files.exists(straight.checkpointDirectory().resolve(model).resolve("epoch-000004.ckpt")));
        Models.model(model, "epochs = 2, checkpoint-every = 2").fit(SPEECHES, context(21, "interrupted"));
        TestContexts.RecordingContext resumed = new TestContexts.RecordingContext(21, work.resolve("interrupted"));
        FittedModel actual = Models.model(model, "epochs = 4, checkpoint-every = 2, resume = true").fit(SPEECHES, resumed);
        assertEquals(documents(expected, 10, 1), documents(actual, 10, 1));
        assertEquals(((TextLikelihood) expected).score(SPEECHES), ((TextLikelihood) actual).score(SPEECHES));
        assertEquals(straight.history("loss.train").subList(2, 4), resumed.history("loss.train"), "the resumed run logs epochs 3 and 4 only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void trainingAndValidationLossesAreLoggedPerEpochAndFall(String model) throws IOException {
        TestContexts.RecordingContext context = context(3, "metrics");
        Models.model(model, "epochs = 3, validation = 0.1").fit(SPEECHES, context);
        List<Double> train = context.history("loss.train");
        List<Double> validation = context.history("loss.validation");
        assertEquals(3, train.size());
        assertEquals(3, validation.size());
        assertTrue(train.get(2) < train.get(0), "training loss falls: " + train);
        assertTrue(validation.get(2) < validation.get(0), "validation loss falls: " + validation);
        assertTrue(validation.get(0) < Math.log(60), "below a uniform guess over the vocabulary: " + validation);
        // the progress bar moves within an epoch, batch by batch, up to the epoch's last batch
        List<String> statuses = context.statuses();
        String last = statuses.stream().filter(t -> t.startsWith("train " + model + ": epoch 3/3: batch ")).reduce((a, b) -> b).orElseThrow();
        String[] count = last.replaceAll("^.*batch (\\d+)/(\\d+).*$", "$1 $2").split(" ");
        assertEquals(count[1], count[0], "the last report of epoch 3 is its last batch: " + last);
        assertTrue(statuses.stream().anyMatch(t -> t.startsWith("train " + model + ": epoch 1/3: batch 1/")), statuses.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void everyDocumentStartsWithThePromptAndRespectsTheMaximumLength(String model) throws IOException {
        FittedModel fitted = fit(model, "prompt = \"First Citizen:\\n\", max-length = 30", 1, "prompt");
        List<String> docs = documents(fitted, 30, 2);
        assertEquals(30, docs.size());
        for (String d : docs) {
            assertTrue(d.startsWith("First Citizen:\n"), d);
            assertTrue(d.codePointCount(0, d.length()) <= 30, d);
        }
        Set<Integer> alphabet = SPEECHES.alphabet();
        docs.forEach(d -> d.codePoints().forEach(cp -> assertTrue(alphabet.contains(cp), "only training characters: " + cp)));
        // a barely trained model rarely draws the end token early, so some documents stop at the maximum
        assertTrue(docs.stream().anyMatch(d -> d.codePointCount(0, d.length()) == 30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void topKOfOneIsGreedyAndLowerTemperatureIsMoreLikely(String model) throws IOException {
        FittedModel fitted = fit(model, "epochs = 3", 1, "temperature");
        List<String> greedy = documents(reload(model, fitted, "top-k = 1"), 5, 1);
        assertEquals(Set.of(greedy.get(0)), new HashSet<>(greedy), "top-k = 1 draws the most likely character every time");
        assertEquals(greedy, documents(reload(model, fitted, "top-k = 1, prompt = \"\""), 5, 99), "and does not depend on the seed");

        TextLikelihood scorer = (TextLikelihood) fitted;
        Corpus cold = reload(model, fitted, "temperature = 0.3").sample(40, 3).asCorpus();
        Corpus hot = reload(model, fitted, "temperature = 3").sample(40, 3).asCorpus();
        double coldNats = scorer.score(cold).nats() / scorer.score(cold).tokens();
        double hotNats = scorer.score(hot).nats() / scorer.score(hot).tokens();
        assertTrue(coldNats < hotNats - 0.5, "cold samples are likelier to the model: " + coldNats + " vs " + hotNats + " nats/token");
        assertTrue(new HashSet<>(cold.documents()).size() > 1, "temperature 0.3 still samples");
    }

    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void aSavedModelScoresAndSamplesAsBefore(String model) throws IOException {
        FittedModel fitted = fit(model, "", 4, "save");
        FittedModel loaded = reload(model, fitted, "");
        assertEquals(((TextLikelihood) fitted).score(SPEECHES), ((TextLikelihood) loaded).score(SPEECHES));
        assertEquals(documents(fitted, 10, 8), documents(loaded, 10, 8));
        String other = model.equals("gpt") ? "char-rnn" : "gpt";
        Path dir = work.resolve("saved-" + model + "-" + Math.abs("".hashCode()));
        IOException e = assertThrows(IOException.class, () -> Models.model(other, "").load(dir));
        assertTrue(e.getMessage().endsWith("holds a '" + model + "' model, not '" + other + "'"), e.getMessage());
    }

    /** Every character plus one end token per document; unseen characters cost a finite amount via the unknown token. */
    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void likelihoodCountsCharactersPlusAnEndTokenAndCostsUnseenCharactersFinitely(String model) throws IOException {
        TextLikelihood fitted = (TextLikelihood) fit(model, "", 1, "score");
        NegativeLogLikelihood known = fitted.score(Corpus.of(List.of("All:", "")));
        assertEquals(4 + 1 + 1, known.tokens());
        assertTrue(known.nats() > 0 && Double.isFinite(known.nats()));
        NegativeLogLikelihood unseen = fitted.score(Corpus.of(List.of("Ж€", "日本語のテキスト")));
        assertEquals(2 + 1 + 8 + 1, unseen.tokens());
        assertTrue(Double.isFinite(unseen.nats()) && unseen.nats() > 0, "finite: " + unseen);
        assertEquals(new NegativeLogLikelihood(0, 0), fitted.score(Corpus.of(List.of())));
        // scoring documents together (padded batches) is the same as scoring them one by one
        List<String> docs = SPEECHES.documents().subList(0, 12);
        double separately = 0;
        for (String d : docs) {
            separately += fitted.score(Corpus.of(List.of(d))).nats();
        }
        assertEquals(separately, fitted.score(Corpus.of(docs)).nats(), 1e-3 * separately);
    }

    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void aCorpusSmallerThanOneBatchOrSequenceStillTrains(String model) throws IOException {
        Corpus tiny = Corpus.of(List.of("ab", "ba"));
        FittedModel fitted = Models.model(model, "epochs = 3").fit(tiny, context(1, "tiny"));
        List<String> docs = documents(fitted, 10, 1);
        assertEquals(10, docs.size());
        docs.forEach(d -> assertTrue(d.matches("[ab]*"), d));
        assertEquals(3 + 3, ((TextLikelihood) fitted).score(tiny).tokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void badTrainingDataIsRefusedClearly(String model) throws IOException {
        DataException empty = assertThrows(DataException.class, () -> Models.model(model, "").fit(Corpus.of(List.of()), context(1, "e")));
        assertEquals("training data: the corpus has no documents; " + model + " needs text to learn from", empty.located());
        DataException blank = assertThrows(DataException.class, () -> Models.model(model, "").fit(Corpus.of(List.of("", "")), context(1, "b")));
        assertEquals("all 2 documents of the corpus are empty; " + model + " needs text to learn from", blank.getMessage());
        Table table = Table.of(Schema.of(Column.numeric("x")), List.of(new double[] {1, 2, 3}));
        DataException tabular = assertThrows(DataException.class, () -> Models.model(model, "").fit(table, context(1, "t")));
        assertEquals(model + " learns from text (a corpus of documents) but was given tabular data of 3 rows; "
                + "use a text dataset (shakespeare, text or lines)", tabular.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"char-rnn", "gpt"})
    void aPromptWithUnseenCharactersIsRefusedBeforeTrainingAndBeforeSampling(String model) throws IOException {
        PluginConfigException atFit = assertThrows(PluginConfigException.class,
                () -> fit(model, "prompt = \"Жизнь: \"", 1, "fit"));
        assertEquals("prompt", atFit.key());
        assertTrue(atFit.getMessage().startsWith("contains 5 characters the model never saw in its training text: 'Ж' (U+0416), "
                + "'и' (U+0438), 'з' (U+0437), 'н' (U+043D), 'ь' (U+044C). The model knows "), atFit.getMessage());
        assertTrue(atFit.getMessage().endsWith("; remove or replace those in the prompt, or train on text that has them"), atFit.getMessage());

        FittedModel fitted = fit(model, "", 1, "ok");
        FittedModel loaded = reload(model, fitted, "prompt = \"Zounds!\"");
        PluginConfigException atSample = assertThrows(PluginConfigException.class, () -> loaded.sample(3, 1));
        assertTrue(atSample.getMessage().startsWith("contains a character the model never saw in its training text: 'Z' (U+005A)."),
                atSample.getMessage());
    }

    @Test
    void configErrorsNameTheKeyAndTheChoices() {
        assertConfigError("gpt", "d-model = 30, heads = 4", "heads: must divide d-model = 30 (each head gets d-model / heads dimensions), was 4");
        assertConfigError("gpt", "prompt = \"abc\", max-length = 3", "max-length: must be longer than the prompt (3 characters) so the model can add to it, was 3");
        assertConfigError("char-rnn", "temperature = 0", "temperature: must be a positive number, was 0.0");
        assertConfigError("char-rnn", "cell = transformer", "lstm");
        assertConfigError("char-rnn", "dropout = 1", "dropout: must be at least 0 and less than 1, was 1.0");
    }

    private static void assertConfigError(String model, String settings, String expected) {
        AssertionError e = assertThrows(AssertionError.class,
                () -> PluginHarness.create(PluginHarness.descriptor(PluginKind.MODEL, model), settings, Object.class));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
