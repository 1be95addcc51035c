package dev.genlab.spi;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** An immutable list of text documents (lines, paragraphs or one whole text) for sequence models. */
public final class Corpus implements Data {
    private final List<String> documents;

    private Corpus(List<String> documents) {
        this.documents = List.copyOf(Objects.requireNonNull(documents, "documents is null"));
    }

    public static Corpus of(List<String> documents) {
        return new Corpus(documents);
    }

    public List<String> documents() {
        return documents;
    }

    @Override
    public Modality modality() {
        return Modality.TEXT;
    }

    @Override
    public int size() {
        return documents.size();
    }

    public long characters() {
        long n = 0;
        for (String d : documents) {
            n += d.length();
        }
        return n;
    }

    /** The distinct characters (code points) used, sorted. */
    public SortedSet<Integer> alphabet() {
        SortedSet<Integer> set = new TreeSet<>();
        for (String d : documents) {
            d.codePoints().forEach(set::add);
        }
        return set;
    }

    public Corpus subset(int[] indices) {
        String[] out = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = documents.get(indices[i]);
        }
        return new Corpus(List.of(out));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Corpus c && documents.equals(c.documents);
    }

    @Override
    public int hashCode() {
        return documents.hashCode();
    }

    @Override
    public String toString() {
        return "Corpus[" + documents.size() + " documents, " + characters() + " characters]";
    }
}
