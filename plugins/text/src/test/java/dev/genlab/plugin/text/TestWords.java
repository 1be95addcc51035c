package dev.genlab.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The word tokenisation agrees with Python's str.split(), which the fixtures use. */
class TestWords {
    @Test
    void splitsOnWhiteSpaceKeepingCaseAndPunctuation() {
        assertEquals(List.of("O", "Romeo,", "Romeo!"), Words.of("  O Romeo,\tRomeo!\n"));
        assertEquals(List.of(), Words.of(""));
        assertEquals(List.of(), Words.of(" \n\t "));
    }

    @Test
    void unicodeSpacesAsPythonAndOtherCharactersAsWords() {
        // Python: 'a\u00a0b\u2007c\u202fd\x85e\u3000f\x1cg'.split() == ['a','b','c','d','e','f','g']
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), Words.of("a\u00a0b\u2007c\u202fd\u0085e\u3000f\u001cg"));
        assertEquals(List.of("\uD834\uDD1E", "caf\u00e9"), Words.of("\uD834\uDD1E caf\u00e9"));
        assertEquals(List.of("a\u200bb"), Words.of("a\u200bb"), "a zero-width space is not white space in Python either");
    }

    @Test
    void ngramsStayInsideTheDocument() {
        assertEquals(List.of("a b", "b c"), Words.ngrams(List.of("a", "b", "c"), 2));
        assertEquals(List.of(), Words.ngrams(List.of("a"), 2));
    }
}
