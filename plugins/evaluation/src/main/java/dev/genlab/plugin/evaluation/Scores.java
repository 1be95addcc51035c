package dev.genlab.plugin.evaluation;

import java.util.Arrays;
import java.util.stream.IntStream;

/** Classification scores and summary statistics, each defined once (and as scikit-learn / numpy define it). */
final class Scores {
    private Scores() {
    }

    /**
     * Area under the ROC curve of {@code score} for telling {@code positive} rows from the others: the Mann–Whitney
     * statistic with tied scores counting ½ (sklearn.metrics.roc_auc_score). NaN unless both classes occur.
     */
    static double auc(double[] score, boolean[] positive) {
        int n = score.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        long positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    positives++;
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Macro-averaged one-vs-rest AUC over the classes present in {@code truth} (sklearn's
     * {@code roc_auc_score(multi_class="ovr", average="macro")}); for two classes the AUC of class 1.
     * {@code probability[r][c]} is row r's score for class c. NaN if fewer than two classes occur.
     */
    static double auc(int[] truth, double[][] probability, int classes) {
        boolean[] present = new boolean[classes];
        for (int t : truth) {
            present[t] = true;
        }
        int presentCount = 0;
        for (boolean p : present) {
            presentCount += p ? 1 : 0;
        }
        if (presentCount < 2) {
            return Double.NaN;
        }
        if (classes == 2) {
            return auc(column(probability, 1), is(truth, 1));
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            if (present[c]) {
                sum += auc(column(probability, c), is(truth, c));
            }
        }
        return sum / presentCount;
    }

    static double accuracy(int[] truth, int[] predicted) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += truth[i] == predicted[i] ? 1 : 0;
        }
        return truth.length == 0 ? Double.NaN : (double) right / truth.length;
    }

    /**
     * Macro F1 over the classes that occur in {@code truth} or {@code predicted} (sklearn's
     * {@code f1_score(average="macro")}, a class without true positives scoring 0).
     */
    static double macroF1(int[] truth, int[] predicted, int classes) {
        long[] tp = new long[classes];
        long[] fp = new long[classes];
        long[] fn = new long[classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                tp[truth[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[truth[i]]++;
            }
        }
        double sum = 0;
        int used = 0;
        for (int c = 0; c < classes; c++) {
            long denominator = 2 * tp[c] + fp[c] + fn[c];
            if (denominator > 0) {
                sum += 2.0 * tp[c] / denominator;
                used++;
            }
        }
        return used == 0 ? Double.NaN : sum / used;
    }

    /** numpy.quantile's default ("linear") of sorted values; NaN if empty. */
    static double quantileOfSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        return quantileOfSorted(s, q);
    }

    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }

    /** Mean of the values that are not NaN; NaN if there are none. */
    static double meanPresent(double... values) {
        double s = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int r = 0; r < m.length; r++) {
            out[r] = m[r][c];
        }
        return out;
    }

    private static boolean[] is(int[] values, int c) {
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == c;
        }
        return out;
    }

    /** {R² (sklearn r2_score), RMSE, MAE} of {@code predicted} against {@code truth}; NaN if empty. */
    static double[] regression(double[] truth, double[] predicted) {
        int n = truth.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = mean(truth);
        double ssRes = 0;
        double ssTot = 0;
        double abs = 0;
        for (int i = 0; i < n; i++) {
            double e = truth[i] - predicted[i];
            ssRes += e * e;
            abs += Math.abs(e);
            ssTot += (truth[i] - mean) * (truth[i] - mean);
        }
        double r2 = ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
        return new double[] {r2, Math.sqrt(ssRes / n), abs / n};
    }
}
