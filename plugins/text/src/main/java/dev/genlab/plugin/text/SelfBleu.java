package dev.genlab.plugin.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Self-BLEU (Zhu et al. 2018, Texygen): the mean over documents of the sentence BLEU-4 of each document against all the
 * others as references, computed exactly as NLTK's {@code sentence_bleu(references, hypothesis, (0.25,)*4,
 * SmoothingFunction().method1)}: clipped n-gram precisions, a zero count smoothed to 0.1 / total, a hypothesis
 * without any matching word scoring 0, and the brevity penalty against the closest reference length (ties: the
 * shorter). High means the documents repeat each other.
 */
final class SelfBleu {
    private static final int MAX_N = 4;
    private static final double EPSILON = 0.1;

    private SelfBleu() {
    }

    /** Best two counts of one n-gram over the documents (and which document has the best), to exclude the hypothesis itself. */
    private static final class Top {
        int firstDocument = -1;
        int first;
        int second;

        void offer(int document, int count) {
            if (count > first) {
                second = first;
                first = count;
                firstDocument = document;
            } else if (count > second) {
                second = count;
            }
        }

        int excluding(int document) {
            return document == firstDocument ? second : first;
        }
    }

    /** Self-BLEU of the tokenised documents; NaN for fewer than two (there is nothing to compare with). */
    static double of(List<List<String>> documents) {
        int m = documents.size();
        if (m < 2) {
            return Double.NaN;
        }
        List<List<Map<String, Integer>>> counts = new ArrayList<>(); // [n-1][document] -> n-gram counts
        List<Map<String, Top>> tops = new ArrayList<>();
        for (int n = 1; n <= MAX_N; n++) {
            List<Map<String, Integer>> perDocument = new ArrayList<>(m);
            Map<String, Top> top = new HashMap<>();
            for (int d = 0; d < m; d++) {
                Map<String, Integer> c = new HashMap<>();
                for (String g : Words.ngrams(documents.get(d), n)) {
                    c.merge(g, 1, Integer::sum);
                }
                perDocument.add(c);
                for (Map.Entry<String, Integer> e : c.entrySet()) {
                    top.computeIfAbsent(e.getKey(), k -> new Top()).offer(d, e.getValue());
                }
            }
            counts.add(perDocument);
            tops.add(top);
        }
        double sum = 0;
        for (int h = 0; h < m; h++) {
            int hypLength = documents.get(h).size();
            long[] numerator = new long[MAX_N];
            long[] denominator = new long[MAX_N];
            for (int n = 1; n <= MAX_N; n++) {
                long total = 0;
                long clipped = 0;
                for (Map.Entry<String, Integer> e : counts.get(n - 1).get(h).entrySet()) {
                    total += e.getValue();
                    clipped += Math.min(e.getValue(), tops.get(n - 1).get(e.getKey()).excluding(h));
                }
                numerator[n - 1] = clipped;
                denominator[n - 1] = Math.max(1, total);
            }
            sum += bleu(numerator, denominator, hypLength, closestReferenceLength(documents, h));
        }
        return sum / m;
    }

    private static int closestReferenceLength(List<List<String>> documents, int hypothesis) {
        int hypLength = documents.get(hypothesis).size();
        int best = -1;
        for (int d = 0; d < documents.size(); d++) {
            if (d == hypothesis) {
                continue;
            }
            int len = documents.get(d).size();
            if (best < 0 || Math.abs(len - hypLength) < Math.abs(best - hypLength)
                    || (Math.abs(len - hypLength) == Math.abs(best - hypLength) && len < best)) {
                best = len;
            }
        }
        return best;
    }

    private static double bleu(long[] numerator, long[] denominator, int hypLength, int referenceLength) {
        if (numerator[0] == 0) {
            return 0; // NLTK: no unigram matches at all
        }
        double logSum = 0;
        for (int i = 0; i < MAX_N; i++) {
            double p = numerator[i] == 0 ? EPSILON / denominator[i] : (double) numerator[i] / denominator[i];
            logSum += Math.log(p) / MAX_N;
        }
        double brevity = hypLength > referenceLength ? 1 : Math.exp(1 - (double) referenceLength / hypLength);
        return brevity * Math.exp(logSum);
    }
}
