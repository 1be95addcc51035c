package dev.genlab.runtime.run;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.Data;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic train/test split from the run's seed, optionally stratified by a categorical target (each class
 * keeps its share in both parts). Rows keep their original order within each part.
 */
public final class Splitter {
    /** The two parts. */
    public record Parts(Data train, Data test) {
    }

    private Splitter() {
    }

    /** Rows (or documents) that go to the test set for {@code n} items: at least 1 if test > 0 and n > 1. */
    public static int testSize(int n, double test) {
        return (int) Math.round(n * test);
    }

    public static Parts split(Data data, double test, boolean stratify, long seed) {
        SplittableRandom random = Seeds.random(seed, "split");
        if (data instanceof Corpus corpus) {
            return splitCorpus(corpus, test, random);
        }
        Table table = data.asTable();
        int n = table.rowCount();
        boolean[] inTest = new boolean[n];
        String target = table.schema().target().orElse(null);
        if (stratify && target != null && table.schema().column(target).isCategorical()) {
            int[] codes = table.codes(target);
            int levels = table.schema().column(target).levels().size();
            List<List<Integer>> byClass = new ArrayList<>();
            for (int i = 0; i <= levels; i++) {
                byClass.add(new ArrayList<>());
            }
            for (int r = 0; r < n; r++) {
                byClass.get(codes[r] + 1).add(r); // missing target (-1) is its own stratum
            }
            for (List<Integer> rows : byClass) {
                int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
                shuffle(idx, random);
                int k = testSize(idx.length, test);
                for (int i = 0; i < k; i++) {
                    inTest[idx[i]] = true;
                }
            }
        } else {
            int[] idx = new int[n];
            Arrays.setAll(idx, i -> i);
            shuffle(idx, random);
            int k = testSize(n, test);
            for (int i = 0; i < k; i++) {
                inTest[idx[i]] = true;
            }
        }
        int testCount = 0;
        for (boolean b : inTest) {
            testCount += b ? 1 : 0;
        }
        int[] trainRows = new int[n - testCount];
        int[] testRows = new int[testCount];
        int a = 0;
        int b = 0;
        for (int r = 0; r < n; r++) {
            if (inTest[r]) {
                testRows[b++] = r;
            } else {
                trainRows[a++] = r;
            }
        }
        return new Parts(table.rows(trainRows), table.rows(testRows));
    }

    /** Documents are split like rows; a corpus of one document is cut at the train share of its characters. */
    private static Parts splitCorpus(Corpus corpus, double test, SplittableRandom random) {
        if (corpus.size() == 1) {
            String text = corpus.documents().get(0);
            int cut = (int) Math.round(text.length() * (1 - test));
            return new Parts(Corpus.of(List.of(text.substring(0, cut))), Corpus.of(List.of(text.substring(cut))));
        }
        int n = corpus.size();
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        shuffle(idx, random);
        int k = testSize(n, test);
        int[] testIdx = Arrays.copyOfRange(idx, 0, k);
        int[] trainIdx = Arrays.copyOfRange(idx, k, n);
        Arrays.sort(testIdx);
        Arrays.sort(trainIdx);
        return new Parts(corpus.subset(trainIdx), corpus.subset(testIdx));
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
