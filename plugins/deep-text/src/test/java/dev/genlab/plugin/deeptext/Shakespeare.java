package dev.genlab.plugin.deeptext;

import dev.genlab.spi.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Tiny Shakespeare from the text plugin's sources (not its dataset plugin, which another module owns), split into
 * speeches on blank lines as that dataset does.
 */
final class Shakespeare {
    static final Path FILE = Path.of("../text/src/main/resources/dev/genlab/plugin/text/shakespeare/tinyshakespeare.txt.gz");

    private Shakespeare() {
    }

    /** The whole text. */
    static String text() {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FILE))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    /** The speeches that start within the first {@code characters} characters. */
    static List<String> speeches(int characters) {
        String text = text();
        String slice = text.substring(0, Math.min(characters, text.length()));
        List<String> out = new ArrayList<>();
        for (String s : slice.split("\n\n")) {
            String speech = s.strip();
            if (!speech.isEmpty()) {
                out.add(speech);
            }
        }
        return out;
    }

    static Corpus corpus(int characters) {
        return Corpus.of(speeches(characters));
    }

    /** Every {@code k}-th document (offset {@code k - 1}) held out, the rest kept. */
    static Corpus[] split(Corpus corpus, int k) {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            (i % k == k - 1 ? test : train).add(corpus.documents().get(i));
        }
        return new Corpus[] {Corpus.of(train), Corpus.of(test)};
    }
}
