package dev.genlab.plugin.deeptext;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.PluginConfigException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;

/**
 * Tokens of a character model: {@value #BOUNDARY} is the document boundary (a document is read as
 * {@code <doc> c1 … cn <doc>}: the first marks where it begins, the last is the end-of-document token the model
 * must predict), {@value #UNKNOWN} stands for any character not seen in training, and the training text's code
 * points follow in ascending order.
 */
final class Vocabulary {
    static final int BOUNDARY = 0;
    static final int UNKNOWN = 1;
    private static final int SPECIAL = 2;
    private static final int MAX_SIZE = 1 << 20;

    private final int[] codePoints;

    private Vocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    static Vocabulary of(Corpus corpus) {
        SortedSet<Integer> alphabet = corpus.alphabet();
        return new Vocabulary(alphabet.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Tokens, the two special ones included. */
    int size() {
        return codePoints.length + SPECIAL;
    }

    /** Characters of the training text. */
    int characters() {
        return codePoints.length;
    }

    int token(int codePoint) {
        int i = Arrays.binarySearch(codePoints, codePoint);
        return i >= 0 ? i + SPECIAL : UNKNOWN;
    }

    /** The code point of a character token. */
    int codePoint(int token) {
        if (token < SPECIAL || token >= size()) {
            throw new IllegalArgumentException("token " + token + " is not a character");
        }
        return codePoints[token - SPECIAL];
    }

    /** {@code <doc> c1 … cn <doc>}, unknown characters as {@link #UNKNOWN}. */
    int[] document(String text) {
        int[] cps = text.codePoints().toArray();
        int[] tokens = new int[cps.length + 2];
        tokens[0] = BOUNDARY;
        for (int i = 0; i < cps.length; i++) {
            tokens[i + 1] = token(cps[i]);
        }
        tokens[tokens.length - 1] = BOUNDARY;
        return tokens;
    }

    List<int[]> documents(List<String> texts) {
        return texts.stream().map(this::document).toList();
    }

    /** {@code <doc>} followed by the prompt's tokens: where every sampled document starts. */
    int[] promptPrefix(String prompt) {
        requireKnown(prompt);
        int[] cps = prompt.codePoints().toArray();
        int[] tokens = new int[cps.length + 1];
        tokens[0] = BOUNDARY;
        for (int i = 0; i < cps.length; i++) {
            tokens[i + 1] = token(cps[i]);
        }
        return tokens;
    }

    /** Refuses a prompt the model cannot continue, naming each character it never saw. */
    void requireKnown(String prompt) {
        Set<Integer> unknown = new LinkedHashSet<>();
        prompt.codePoints().filter(cp -> token(cp) == UNKNOWN).forEach(unknown::add);
        if (unknown.isEmpty()) {
            return;
        }
        StringBuilder names = new StringBuilder();
        for (int cp : unknown) {
            names.append(names.length() == 0 ? "" : ", ").append(describe(cp));
        }
        throw new PluginConfigException("prompt", "contains " + (unknown.size() == 1 ? "a character" : unknown.size() + " characters")
                + " the model never saw in its training text: " + names + ". The model knows " + characters()
                + " characters (" + preview() + "); remove or replace those in the prompt, or train on text that has them");
    }

    static String describe(int codePoint) {
        String shown = Character.isISOControl(codePoint) || Character.isWhitespace(codePoint) ? "" : "'" + Character.toString(codePoint) + "' ";
        return shown + String.format(Locale.ROOT, "(U+%04X)", codePoint);
    }

    private String preview() {
        StringBuilder b = new StringBuilder();
        int shown = Math.min(codePoints.length, 40);
        for (int i = 0; i < shown; i++) {
            int cp = codePoints[i];
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                b.append(cp == '\n' ? "\\n" : cp == ' ' ? "space" : String.format(Locale.ROOT, "U+%04X", cp));
                b.append(' ');
            } else {
                b.appendCodePoint(cp);
            }
        }
        return b.toString().trim() + (shown < codePoints.length ? " …" : "");
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(codePoints.length);
        for (int cp : codePoints) {
            out.writeInt(cp);
        }
    }

    static Vocabulary read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_SIZE) {
            throw new IOException("corrupt vocabulary: " + n + " characters");
        }
        int[] cps = new int[n];
        for (int i = 0; i < n; i++) {
            cps[i] = in.readInt();
            if (!Character.isValidCodePoint(cps[i]) || (i > 0 && cps[i] <= cps[i - 1])) {
                throw new IOException("corrupt vocabulary: entry " + i + " is " + cps[i]);
            }
        }
        return new Vocabulary(cps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }
}
