package dev.genlab.plugin.deeptabular.bench;

import dev.genlab.spi.Column;
import dev.genlab.spi.Table;
import java.util.SplittableRandom;

/**
 * Train-on-synthetic, test-on-real with a logistic regression (one-hot categories with a missing slot,
 * standardised numbers plus a missing flag; mini-batch SGD with L2), as a quick utility figure for the
 * benchmark. The scaling is learned from the training table, the categories' slots come from the shared schema.
 */
public final class LogisticUtility {
    /** Accuracy and F1 of the positive class on the test table. */
    public record Score(double accuracy, double f1) {
    }

    private LogisticUtility() {
    }

    public static Score trainAndTest(Table train, Table test, String target, String positive, long seed) {
        int y = train.schema().requireIndex(target);
        int positiveCode = train.schema().column(y).codeOf(positive);
        double[] mean = new double[train.columnCount()];
        double[] std = new double[train.columnCount()];
        int width = 0;
        int[] offset = new int[train.columnCount()];
        for (int c = 0; c < train.columnCount(); c++) {
            offset[c] = width;
            Column column = train.schema().column(c);
            if (c == y) {
                continue;
            }
            if (column.isNumeric()) {
                double s = 0;
                double ss = 0;
                int n = 0;
                for (int i = 0; i < train.rowCount(); i++) {
                    double v = train.numeric(c, i);
                    if (!Double.isNaN(v)) {
                        s += v;
                        ss += v * v;
                        n++;
                    }
                }
                mean[c] = n == 0 ? 0 : s / n;
                std[c] = n == 0 ? 1 : Math.max(1e-9, Math.sqrt(Math.max(0, ss / n - mean[c] * mean[c])));
                width += 2;
            } else {
                width += column.levels().size() + 1;
            }
        }
        double[][] xTrain = features(train, y, offset, mean, std, width);
        double[][] xTest = features(test, y, offset, mean, std, width);
        double[] w = new double[width + 1];
        SplittableRandom random = new SplittableRandom(seed);
        int n = xTrain.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double lr = 0.05;
        for (int epoch = 0; epoch < 15; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int k = 0; k < n; k++) {
                int i = order[k];
                double p = sigmoid(dot(w, xTrain[i]));
                double label = train.code(y, i) == positiveCode ? 1 : 0;
                double g = p - label;
                for (int d = 0; d < width; d++) {
                    w[d] -= lr * (g * xTrain[i][d] + 1e-5 * w[d]);
                }
                w[width] -= lr * g;
            }
            lr *= 0.8;
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int correct = 0;
        for (int i = 0; i < xTest.length; i++) {
            boolean predicted = dot(w, xTest[i]) > 0;
            boolean actual = test.code(y, i) == positiveCode;
            correct += predicted == actual ? 1 : 0;
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }
        double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new Score(correct / (double) xTest.length, f1);
    }

    private static double[][] features(Table t, int y, int[] offset, double[] mean, double[] std, int width) {
        double[][] x = new double[t.rowCount()][width];
        for (int c = 0; c < t.columnCount(); c++) {
            if (c == y) {
                continue;
            }
            Column column = t.schema().column(c);
            for (int i = 0; i < t.rowCount(); i++) {
                if (column.isNumeric()) {
                    double v = t.numeric(c, i);
                    if (Double.isNaN(v)) {
                        x[i][offset[c] + 1] = 1;
                    } else {
                        x[i][offset[c]] = Math.max(-10, Math.min(10, (v - mean[c]) / std[c]));
                    }
                } else {
                    int code = t.code(c, i);
                    x[i][offset[c] + (code == Table.MISSING_CODE ? column.levels().size() : code)] = 1;
                }
            }
        }
        return x;
    }

    private static double dot(double[] w, double[] x) {
        double s = w[x.length];
        for (int d = 0; d < x.length; d++) {
            s += w[d] * x[d];
        }
        return s;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
