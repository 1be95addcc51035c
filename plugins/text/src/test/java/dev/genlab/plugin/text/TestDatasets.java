package dev.genlab.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.DataException;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.LoadedData;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three text datasets on real files: documents, line breaks, limits, and every bad-input message. */
class TestDatasets {
    @TempDir
    Path directory;

    private Corpus load(Dataset dataset) {
        return dataset.load(TestContexts.dataset(directory)).data().asCorpus();
    }

    private Corpus text(String content, Split split) throws IOException {
        Files.writeString(directory.resolve("in.txt"), content);
        return load(new TextDataset(new TextConfig("in.txt", split, Optional.empty())));
    }

    @Test
    void shakespeareHasOneDocumentPerSpeech() {
        LoadedData data = new ShakespeareDataset(new ShakespeareConfig(ShakespeareConfig.Unit.SPEECHES, Optional.empty()))
                .load(TestContexts.dataset(directory));
        Corpus corpus = data.data().asCorpus();
        assertEquals(7222, corpus.size());
        assertEquals(1100949, corpus.characters(), "1,115,394 bytes less the blank lines and the line breaks between speeches");
        assertEquals("First Citizen:\nBefore we proceed any further, hear me speak.", corpus.documents().get(0));
        assertEquals("All:\nSpeak, speak.", corpus.documents().get(1));
        assertEquals(65, corpus.alphabet().size(), "letters, digits, punctuation, space and the line break inside speeches");
        assertTrue(data.sources().get(0).contains("7222 speeches"), data.sources().toString());
    }

    @Test
    void shakespeareByLinesAndLimited() {
        Corpus lines = load(new ShakespeareDataset(new ShakespeareConfig(ShakespeareConfig.Unit.LINES, Optional.empty())));
        assertEquals(32777, lines.size());
        assertEquals(List.of("First Citizen:", "Before we proceed any further, hear me speak.", "All:"), lines.documents().subList(0, 3));
        Corpus few = load(new ShakespeareDataset(new ShakespeareConfig(ShakespeareConfig.Unit.SPEECHES, Optional.of(3))));
        assertEquals(3, few.size());
        assertEquals("First Citizen:\nYou are all resolved rather to die than to famish?", few.documents().get(2));
    }

    @Test
    void textSplitsParagraphsLinesOrNothing() throws IOException {
        String content = "\n\nX:1\nT:Tune one\n  \nX:2\nT:Tune two\nABC|\n\n\n";
        assertEquals(List.of("X:1\nT:Tune one", "X:2\nT:Tune two\nABC|"), text(content, Split.PARAGRAPHS).documents());
        assertEquals(List.of("X:1", "T:Tune one", "X:2", "T:Tune two", "ABC|"), text(content, Split.LINES).documents());
        assertEquals(List.of(content), text(content, Split.NONE).documents());
    }

    @Test
    void lineBreaksAndByteOrderMarkAreNormalised() throws IOException {
        assertEquals(List.of("a\nb", "c"), text("\uFEFFa\r\nb\r\n\r\nc\r", Split.PARAGRAPHS).documents());
        assertEquals(List.of("  indented stays", "caf\u00e9 \uD834\uDD1E"), text("  indented stays\n\ncaf\u00e9 \uD834\uDD1E\n", Split.LINES).documents());
    }

    @Test
    void linesSkipsBlankLinesAndLimits() throws IOException {
        Files.writeString(directory.resolve("names.txt"), "Anna\n\n  \nBen\nCarl\n");
        assertEquals(List.of("Anna", "Ben", "Carl"), load(new LinesDataset(new LinesConfig("names.txt", Optional.empty()))).documents());
        assertEquals(List.of("Anna", "Ben"), load(new LinesDataset(new LinesConfig("names.txt", Optional.of(2)))).documents());
    }

    @Test
    void relativePathsResolveAgainstTheExperimentDirectory() throws IOException {
        Files.createDirectories(directory.resolve("data"));
        Files.writeString(directory.resolve("data/t.txt"), "one\n\ntwo\n");
        LoadedData data = new TextDataset(new TextConfig("data/t.txt", Split.PARAGRAPHS, Optional.empty())).load(TestContexts.dataset(directory));
        assertEquals(2, data.data().size());
        assertEquals("text: " + directory.resolve("data/t.txt") + " (2 documents, split = paragraphs)", data.sources().get(0));
    }

    @Test
    void aMissingFileNamesIt() {
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> load(new TextDataset(new TextConfig("nope.txt", Split.LINES, Optional.empty()))));
        assertEquals("path", e.key());
        assertEquals("no such file 'nope.txt' (looked for " + directory.resolve("nope.txt") + ")", e.getMessage());
        e = assertThrows(PluginConfigException.class, () -> load(new LinesDataset(new LinesConfig("nope.txt", Optional.empty()))));
        assertEquals("path", e.key());
    }

    @Test
    void aDirectoryIsNotReadable() throws IOException {
        Files.createDirectories(directory.resolve("corpus"));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> load(new LinesDataset(new LinesConfig("corpus", Optional.empty()))));
        assertEquals("'corpus' is a directory (" + directory.resolve("corpus") + "); name a file", e.getMessage());
    }

    @Test
    void anEmptyOrBlankFileIsAnEmptyCorpus() throws IOException {
        Files.writeString(directory.resolve("empty.txt"), "");
        Files.writeString(directory.resolve("blank.txt"), "\n  \n\t\n");
        DataException e = assertThrows(DataException.class, () -> load(new TextDataset(new TextConfig("empty.txt", Split.PARAGRAPHS, Optional.empty()))));
        assertEquals("empty.txt: no text: the file has no paragraphs (it is empty or holds only blank lines)", e.located());
        e = assertThrows(DataException.class, () -> load(new TextDataset(new TextConfig("blank.txt", Split.NONE, Optional.empty()))));
        assertEquals("blank.txt: no text: the file has no text (it is empty or holds only blank lines)", e.located());
        e = assertThrows(DataException.class, () -> load(new LinesDataset(new LinesConfig("blank.txt", Optional.empty()))));
        assertEquals("blank.txt: no text: the file has no non-blank lines (it is empty or holds only blank lines)", e.located());
    }

    @Test
    void invalidUtf8NamesTheLine() throws IOException {
        byte[] bytes = "line one\nline two\nbad \u00e9 here\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(directory.resolve("latin1.txt"), bytes);
        DataException e = assertThrows(DataException.class, () -> load(new TextDataset(new TextConfig("latin1.txt", Split.LINES, Optional.empty()))));
        assertEquals("latin1.txt:3: byte 0xE9 (byte 5 of the line) is not valid UTF-8; save the file as UTF-8", e.located());
        assertEquals(3, e.line());
    }
}
