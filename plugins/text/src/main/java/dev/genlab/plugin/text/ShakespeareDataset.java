package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.LoadedData;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Tiny Shakespeare (Karpathy's char-rnn corpus, public-domain text; see NOTICE.txt beside it), bundled. It has no
 * provided test set: the runtime's document split holds speeches (or lines) out.
 */
public final class ShakespeareDataset implements Dataset {
    static final String RESOURCE = "shakespeare/tinyshakespeare.txt.gz";

    private final ShakespeareConfig config;

    @Inject
    public ShakespeareDataset(ShakespeareConfig config) {
        this.config = config;
    }

    @Override
    public LoadedData load(DatasetContext context) {
        String text = TextReader.decode(bytes(), RESOURCE);
        Split split = config.unit() == ShakespeareConfig.Unit.SPEECHES ? Split.PARAGRAPHS : Split.LINES;
        String unit = config.unit().name().toLowerCase(java.util.Locale.ROOT);
        Corpus corpus = TextReader.corpus(TextReader.split(text, split), config.maxDocuments(), RESOURCE, unit);
        String source = "bundled tiny Shakespeare (karpathy/char-rnn data/tinyshakespeare/input.txt, public domain): "
                + corpus.size() + " " + unit + ", " + corpus.characters() + " characters";
        return new LoadedData(corpus, Optional.empty(), List.of(source));
    }

    /** The bundled file, uncompressed. */
    static byte[] bytes() {
        try (InputStream raw = ShakespeareDataset.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the bundled corpus " + RESOURCE + " is missing from genlab-plugin-text");
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled corpus " + RESOURCE, e);
        }
    }
}
