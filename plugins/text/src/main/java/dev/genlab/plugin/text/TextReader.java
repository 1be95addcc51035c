package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    /** The bytes of {@code file}; {@code source} (the path as the user wrote it) names it in errors. */
    static byte[] readBytes(Path file, String source) {
        if (Files.isDirectory(file)) {
            throw new DataException(source, "is a directory (" + file + "); expected a UTF-8 text file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(source, "file not found (looked for " + file + ")");
        } catch (AccessDeniedException e) {
            throw new DataException(source, "cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new DataException(source, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Decodes strict UTF-8 (an invalid byte is a {@link DataException} naming its line), drops a byte-order mark and
     * turns {@code \r\n} and {@code \r} into {@code \n}.
     */
    static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int pos = in.position();
            long line = 1;
            int lineStart = 0;
            for (int i = 0; i < pos; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new DataException(source, line, String.format("byte 0x%02X (byte %d of the line) is not valid UTF-8; save the file as UTF-8",
                    bytes[pos] & 0xff, pos - lineStart + 1));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
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
