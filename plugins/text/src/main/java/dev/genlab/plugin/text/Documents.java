package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded subsamples of a corpus. */
final class Documents {
    private Documents() {
    }

    /** {@code corpus} itself when it has at most {@code max} documents (or max is 0), else a seeded subsample in corpus order. */
    static Corpus atMost(Corpus corpus, int max, SplittableRandom random) {
        int n = corpus.size();
        if (max == 0 || n <= max) {
            return corpus;
        }
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        for (int i = 0; i < max; i++) { // partial Fisher-Yates: the first max slots are a uniform sample
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = Arrays.copyOf(idx, max);
        Arrays.sort(chosen);
        return corpus.subset(chosen);
    }
}
