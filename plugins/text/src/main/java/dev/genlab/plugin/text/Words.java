package dev.genlab.plugin.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The word tokenisation of {@code text-quality}: split on white space, keep case and punctuation. White space is what
 * Python's {@code str.split()} splits on (Java's {@link Character#isWhitespace}, the no-break spaces and U+0085), so
 * the Python reference scripts tokenise identically.
 */
final class Words {
    private Words() {
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (isSpace(c)) {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /** The word n-grams of one document, in order, as words joined by one space (unambiguous: words hold no space). */
    static List<String> ngrams(List<String> words, int n) {
        List<String> out = new ArrayList<>(Math.max(0, words.size() - n + 1));
        for (int i = 0; i + n <= words.size(); i++) {
            out.add(String.join(" ", words.subList(i, i + n)));
        }
        return out;
    }
}
