package com.example.genlab.knn;

import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Each synthetic row: pick a training row, pick one of its k nearest neighbours (numeric columns standardised,
 * categorical columns count 1 when they differ), interpolate numeric columns at a random point between the two
 * and add noise; take each categorical value from either row at random. Neighbour search is brute force, O(rows)
 * per sampled row: fine for the small tables this example is for.
 */
final class FittedKnn implements FittedModel {
    private final Table table;
    private final KnnConfig config;
    private final double[] mean;
    private final double[] sd;

    FittedKnn(Table table, KnnConfig config) {
        this.table = table;
        this.config = config;
        int d = table.columnCount();
        mean = new double[d];
        sd = new double[d];
        for (int c = 0; c < d; c++) {
            if (table.schema().column(c).isNumeric()) {
                double s = 0;
                double ss = 0;
                int n = 0;
                for (double v : table.numericColumn(c)) {
                    if (!Double.isNaN(v)) {
                        s += v;
                        ss += v * v;
                        n++;
                    }
                }
                mean[c] = n == 0 ? 0 : s / n;
                double var = n == 0 ? 0 : ss / n - mean[c] * mean[c];
                sd[c] = var > 1e-12 ? Math.sqrt(var) : 1;
            }
        }
    }

    private double distance(int a, int b) {
        double d = 0;
        for (int c = 0; c < table.columnCount(); c++) {
            if (table.schema().column(c).isNumeric()) {
                double x = table.numeric(c, a);
                double y = table.numeric(c, b);
                double diff = Double.isNaN(x) || Double.isNaN(y) ? (Double.isNaN(x) == Double.isNaN(y) ? 0 : 1) : (x - y) / sd[c];
                d += diff * diff;
            } else if (table.code(c, a) != table.code(c, b)) {
                d += 1;
            }
        }
        return d;
    }

    /** The k nearest other rows of {@code row} (fewer if the table is small). */
    private int[] neighbours(int row) {
        int k = Math.min(config.k(), table.rowCount() - 1);
        int[] best = new int[k];
        double[] dist = new double[k];
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int r = 0; r < table.rowCount(); r++) {
            if (r == row) {
                continue;
            }
            double d = distance(row, r);
            if (d < dist[k - 1]) {
                int i = k - 1;
                while (i > 0 && dist[i - 1] > d) {
                    dist[i] = dist[i - 1];
                    best[i] = best[i - 1];
                    i--;
                }
                dist[i] = d;
                best[i] = r;
            }
        }
        return best;
    }

    double meanNearestDistance(SplittableRandom random) {
        int probes = Math.min(100, table.rowCount());
        double s = 0;
        for (int i = 0; i < probes; i++) {
            int row = random.nextInt(table.rowCount());
            s += Math.sqrt(distance(row, neighbours(row)[0]));
        }
        return s / probes;
    }

    @Override
    public Data sample(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = table.columnCount();
        List<Object> arrays = new ArrayList<>();
        double[][] numeric = new double[d][];
        int[][] codes = new int[d][];
        for (int c = 0; c < d; c++) {
            if (table.schema().column(c).isNumeric()) {
                numeric[c] = new double[n];
                arrays.add(numeric[c]);
            } else {
                codes[c] = new int[n];
                arrays.add(codes[c]);
            }
        }
        for (int i = 0; i < n; i++) {
            int a = random.nextInt(table.rowCount());
            int[] nb = neighbours(a);
            int b = nb[random.nextInt(nb.length)];
            double lambda = random.nextDouble();
            for (int c = 0; c < d; c++) {
                if (numeric[c] != null) {
                    double x = table.numeric(c, a);
                    double y = table.numeric(c, b);
                    double v = Double.isNaN(x) || Double.isNaN(y) ? (random.nextBoolean() ? x : y) : x + lambda * (y - x);
                    if (!Double.isNaN(v)) {
                        v += config.noise() * sd[c] * random.nextGaussian();
                        if (table.schema().column(c).integral()) {
                            v = Math.rint(v);
                        }
                    }
                    numeric[c][i] = v;
                } else {
                    codes[c][i] = random.nextBoolean() ? table.code(c, a) : table.code(c, b);
                }
            }
        }
        return Table.of(table.schema(), arrays);
    }

    @Override
    public void save(Path directory) throws IOException {
        KnnResamplerModel.write(directory, table, config);
    }
}
