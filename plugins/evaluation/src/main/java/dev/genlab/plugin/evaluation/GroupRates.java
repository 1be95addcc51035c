package dev.genlab.plugin.evaluation;

import java.util.function.IntToDoubleFunction;

/**
 * Confusion counts of a binary outcome per group, and the between-group disparities built from them (fairlearn's
 * {@code MetricFrame.difference()} / {@code ratio()}: max − min and min / max over the groups where the rate is
 * defined). Rows in group -1 (a missing sensitive value) are left out.
 */
final class GroupRates {
    private final int groups;
    private final long[] rows;
    private final long[] positives;
    private final long[] predictedPositives;
    private final long[] truePositives;
    private final long[] falsePositives;
    private final long[] correct;

    private GroupRates(int groups) {
        this.groups = groups;
        rows = new long[groups];
        positives = new long[groups];
        predictedPositives = new long[groups];
        truePositives = new long[groups];
        falsePositives = new long[groups];
        correct = new long[groups];
    }

    /** Counts of {@code truth} and {@code predicted} (favourable = true) per group; for data labels pass truth twice. */
    static GroupRates of(int[] group, int groups, boolean[] truth, boolean[] predicted) {
        GroupRates g = new GroupRates(groups);
        for (int i = 0; i < group.length; i++) {
            int k = group[i];
            if (k < 0) {
                continue;
            }
            g.rows[k]++;
            g.positives[k] += truth[i] ? 1 : 0;
            g.predictedPositives[k] += predicted[i] ? 1 : 0;
            g.truePositives[k] += truth[i] && predicted[i] ? 1 : 0;
            g.falsePositives[k] += !truth[i] && predicted[i] ? 1 : 0;
            g.correct[k] += truth[i] == predicted[i] ? 1 : 0;
        }
        return g;
    }

    int groups() {
        return groups;
    }

    long rows(int g) {
        return rows[g];
    }

    long totalRows() {
        long n = 0;
        for (long r : rows) {
            n += r;
        }
        return n;
    }

    double share(int g) {
        long n = totalRows();
        return n == 0 ? Double.NaN : (double) rows[g] / n;
    }

    /** Share of the group's rows whose outcome is favourable (the selection rate of {@code predicted}). */
    double selectionRate(int g) {
        return ratio(predictedPositives[g], rows[g]);
    }

    double truePositiveRate(int g) {
        return ratio(truePositives[g], positives[g]);
    }

    double falsePositiveRate(int g) {
        return ratio(falsePositives[g], rows[g] - positives[g]);
    }

    double accuracy(int g) {
        return ratio(correct[g], rows[g]);
    }

    /** max − min of {@code rate} over the groups where it is defined; NaN if none. */
    double difference(IntToDoubleFunction rate) {
        double[] mm = minMax(rate);
        return mm == null ? Double.NaN : mm[1] - mm[0];
    }

    /** min / max of {@code rate} over the groups where it is defined; NaN if none or if max is 0. */
    double ratio(IntToDoubleFunction rate) {
        double[] mm = minMax(rate);
        return mm == null || mm[1] == 0 ? Double.NaN : mm[0] / mm[1];
    }

    /** fairlearn's equalized_odds_difference: the larger of the TPR and FPR differences. */
    double equalizedOddsDifference() {
        double tpr = difference(this::truePositiveRate);
        double fpr = difference(this::falsePositiveRate);
        return Double.isNaN(tpr) || Double.isNaN(fpr) ? Double.NaN : Math.max(tpr, fpr);
    }

    /**
     * AIF360's statistical_parity_difference and disparate_impact of the selection rate with {@code privileged} as
     * the privileged group and every other group pooled as unprivileged: {P(fav | unpriv) − P(fav | priv),
     * P(fav | unpriv) / P(fav | priv)}.
     */
    double[] statisticalParity(int privileged) {
        long unprivRows = totalRows() - rows[privileged];
        long unprivFav = 0;
        for (int g = 0; g < groups; g++) {
            if (g != privileged) {
                unprivFav += predictedPositives[g];
            }
        }
        double pu = ratio(unprivFav, unprivRows);
        double pp = selectionRate(privileged);
        return new double[] {pu - pp, pp == 0 ? Double.NaN : pu / pp};
    }

    private double[] minMax(IntToDoubleFunction rate) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < groups; g++) {
            double v = rows[g] == 0 ? Double.NaN : rate.applyAsDouble(g);
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? null : new double[] {lo, hi};
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
