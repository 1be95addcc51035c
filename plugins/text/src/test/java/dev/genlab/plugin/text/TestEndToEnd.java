package dev.genlab.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.config.ConfigErrors;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.tracking.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments run through the real runtime: the datasets and both metrics of this module with a test-only character
 * bigram model ({@code char-bigram}, registered in src/test/resources only).
 */
class TestEndToEnd {
    @TempDir
    Path directory;

    private RunOutcome run(String experiment) throws Exception {
        Path file = directory.resolve("experiment.conf");
        Files.writeString(file, experiment);
        Genlab genlab = new Genlab(dev.genlab.testkit.PluginHarness.registry());
        PreparedRun prepared = genlab.prepare(file, List.of(), RunListener.SILENT);
        return genlab.run(prepared, directory.resolve("runs"), List.of(), RunListener.SILENT, new AtomicBoolean());
    }

    @Test
    void shakespeareWithABigramModel() throws Exception {
        RunOutcome outcome = run("""
                name = shakespeare-bigram
                seed = 42
                dataset { type = shakespeare, max-documents = 1500 }
                split { test = 0.1 }
                model { type = char-bigram }
                sample { rows = 100 }
                metrics = [perplexity, {type = text-quality, samples = 3}]
                """);
        assertEquals(RunStatus.FINISHED, outcome.status(), outcome.error());
        assertEquals(150, outcome.results().get("perplexity.documents"), "10% of 1,500 speeches held out");
        assertTrue(outcome.results().get("perplexity.ratio") < 0.6, "the bigram model beats the unigram baseline: " + outcome.results());
        assertEquals(100, outcome.results().get("text-quality.documents"));
        assertTrue(outcome.results().get("text-quality.novelty-5") > 0.9, "a bigram model rarely reproduces 5 training words: " + outcome.results());
        assertEquals("perplexity.perplexity", outcome.headlines().get("perplexity"));
        assertEquals("text-quality.distinct-2", outcome.headlines().get("text-quality"));
        String samples = Files.readString(outcome.directory().resolve("artifacts/text-quality/samples.txt"));
        assertTrue(samples.startsWith("# the first 3 of 100 generated documents\n"), samples);
        assertEquals(outcome.results(), run(Files.readString(directory.resolve("experiment.conf"))).results(), "same file, same numbers");
    }

    @Test
    void aTextFileThatIsNotUtf8IsALocatedError() throws Exception {
        Files.write(directory.resolve("tunes.abc"), new byte[] {'X', ':', '1', '\n', 'T', ':', (byte) 0xE9, '\n'});
        ConfigErrors e = assertThrows(ConfigErrors.class, () -> run("""
                dataset { type = text, path = tunes.abc }
                model { type = char-bigram }
                metrics = [text-quality]
                """));
        assertEquals("tunes.abc:2: byte 0xE9 (byte 3 of the line) is not valid UTF-8; save the file as UTF-8", e.problems().get(0).toString());
    }
}
