package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.LoadedData;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A local UTF-8 file with one document per line (names, titles, tunes…); blank lines are skipped. */
public final class LinesDataset implements Dataset {
    private final LinesConfig config;

    @Inject
    public LinesDataset(LinesConfig config) {
        this.config = config;
    }

    @Override
    public LoadedData load(DatasetContext context) {
        Path file = context.resolve(config.path());
        String text = TextReader.decode(context.readFile("path", config.path()), config.path());
        Corpus corpus = TextReader.corpus(TextReader.lines(text), config.maxDocuments(), config.path(), "non-blank lines");
        return new LoadedData(corpus, Optional.empty(), List.of("lines: " + file + " (" + corpus.size() + " documents)"));
    }
}
