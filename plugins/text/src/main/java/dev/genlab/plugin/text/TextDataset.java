package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.LoadedData;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Any local UTF-8 text file (prose, music in ABC notation, code…) as a corpus of paragraphs, lines or one text. */
public final class TextDataset implements Dataset {
    private final TextConfig config;

    @Inject
    public TextDataset(TextConfig config) {
        this.config = config;
    }

    @Override
    public LoadedData load(DatasetContext context) {
        Path file = context.resolve(config.path());
        String text = TextReader.decode(context.readFile("path", config.path()), config.path());
        String unit = switch (config.split()) {
            case PARAGRAPHS -> "paragraphs";
            case LINES -> "non-blank lines";
            case NONE -> "text";
        };
        Corpus corpus = TextReader.corpus(TextReader.split(text, config.split()), config.maxDocuments(), config.path(), unit);
        return new LoadedData(corpus, Optional.empty(), List.of("text: " + file + " (" + corpus.size() + " documents, split = "
                + config.split().name().toLowerCase(java.util.Locale.ROOT) + ")"));
    }
}
