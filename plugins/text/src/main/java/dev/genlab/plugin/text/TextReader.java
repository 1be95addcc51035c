package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.DataException;
import dev.genlab.spi.Utf8;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads UTF-8 text files and cuts them into documents. Shared by the three text datasets so that they agree on
 * line breaks ({@code \r\n} and {@code \r} become {@code \n}), blank lines (nothing but white space) and errors.
 */
final class TextReader {
    private TextReader() {
    }

    /**
     * Decodes strict UTF-8 (an invalid byte is a {@link DataException} naming its line), drops a byte-order mark and
     * turns {@code \r\n} and {@code \r} into {@code \n}.
     */
    static String decode(byte[] bytes, String source) {
        return Utf8.decode(bytes, source).replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Cuts text into documents the way {@code split} says; see {@link Split}. */
    static List<String> split(String text, Split split) {
        return switch (split) {
            case LINES -> lines(text);
            case PARAGRAPHS -> paragraphs(text);
            case NONE -> text.isBlank() ? List.of() : List.of(text);
        };
    }

    /** Every line that is not blank, as it is (without its line break). */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    /** Runs of non-blank lines, joined with {@code \n}; one or more blank lines end a paragraph. */
    static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (paragraph.length() > 0) {
                    out.add(paragraph.toString());
                    paragraph.setLength(0);
                }
            } else {
                if (paragraph.length() > 0) {
                    paragraph.append('\n');
                }
                paragraph.append(line);
            }
        }
        if (paragraph.length() > 0) {
            out.add(paragraph.toString());
        }
        return out;
    }

    /**
     * The first {@code maxDocuments} documents (all when absent) as a corpus; no documents at all is a
     * {@link DataException} naming {@code source}.
     */
    static Corpus corpus(List<String> documents, Optional<Integer> maxDocuments, String source, String unit) {
        if (documents.isEmpty()) {
            throw new DataException(source, "no text: the file has no " + unit + " (it is empty or holds only blank lines)");
        }
        int n = maxDocuments.map(m -> Math.min(m, documents.size())).orElse(documents.size());
        return Corpus.of(documents.subList(0, n));
    }
}
