package dev.genlab.plugin.copula;

import dev.genlab.spi.Column;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded test tables with known structure, and the statistics the tests compare. */
final class SyntheticTables {
    static final Schema SCHEMA = Schema.of(
            Column.numeric("x"),
            Column.numeric("y"),
            Column.numeric("skewed"),
            Column.integer("count"),
            Column.categorical("colour", List.of("red", "green", "blue", "purple")),
            Column.categorical("flag", List.of("no", "yes")),
            Column.numeric("constant"),
            Column.categorical("country", List.of("US", "CA")))
            .withTarget("flag")
            .withSensitive(List.of("colour"));

    private SyntheticTables() {
    }

    /**
     * x and y normals with correlation 0.8; skewed log-normal; count binomial(10, ~0.3) tied to x; colour
     * red/green/blue at 0.5/0.3/0.2 (purple never) and flag (30% yes), each cut from a latent normal tied to x
     * and to each other; a constant numeric and a constant categorical. y goes missing (10%) when another latent
     * normal tied to x is high, colour (5%) at random. The dependencies are latent-threshold ones, which a
     * Gaussian copula can represent exactly, so the tests measure the fit and not the model's limits.
     */
    static Table correlated(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double[] skewed = new double[n];
        double[] count = new double[n];
        int[] colour = new int[n];
        int[] flag = new int[n];
        double[] constant = new double[n];
        int[] country = new int[n];
        double red = Normal.inverseCdf(0.5);
        double green = Normal.inverseCdf(0.8);
        double yes = Normal.inverseCdf(0.7);
        double absent = Normal.inverseCdf(0.9);
        for (int i = 0; i < n; i++) {
            double z1 = gaussian(random);
            x[i] = 40 + 12 * z1;
            y[i] = 100 + 5 * (0.8 * z1 + 0.6 * gaussian(random));
            skewed[i] = Math.exp(gaussian(random));
            int k = 0;
            double p = 0.3 + 0.1 * Math.tanh(z1);
            for (int t = 0; t < 10; t++) {
                k += random.nextDouble() < p ? 1 : 0;
            }
            count[i] = k;
            double w = 0.5 * z1 + Math.sqrt(0.75) * gaussian(random);
            colour[i] = w < red ? 0 : w < green ? 1 : 2;
            flag[i] = 0.7 * w + Math.sqrt(0.51) * gaussian(random) > yes ? 1 : 0;
            constant[i] = 7;
            country[i] = 0;
            if (0.6 * z1 + 0.8 * gaussian(random) > absent) {
                y[i] = Double.NaN;
            }
            if (random.nextDouble() < 0.05) {
                colour[i] = Table.MISSING_CODE;
            }
        }
        return Table.of(SCHEMA, List.of(x, y, skewed, count, colour, flag, constant, country));
    }

    /** A wide table like Adult: 6 numeric (some integral, skewed, with ties) and 9 categorical columns. */
    static Table wide(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Column> columns = new ArrayList<>();
        List<Object> arrays = new ArrayList<>();
        double[] base = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = gaussian(random);
        }
        for (int c = 0; c < 6; c++) {
            boolean integral = c % 2 == 0;
            columns.add(integral ? Column.integer("n" + c) : Column.numeric("n" + c));
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double z = 0.5 * base[i] + Math.sqrt(0.75) * gaussian(random);
                v[i] = c == 1 ? Math.max(0, Math.exp(2 * z) - 3) : integral ? Math.rint(40 + 10 * z) : 1000 * z;
                if (c == 3 && random.nextDouble() < 0.03) {
                    v[i] = Double.NaN;
                }
            }
            arrays.add(v);
        }
        for (int c = 0; c < 9; c++) {
            int levels = 2 + 3 * c;
            List<String> names = new ArrayList<>();
            for (int l = 0; l < levels; l++) {
                names.add("c" + c + "-" + l);
            }
            columns.add(Column.categorical("k" + c, names));
            int[] codes = new int[n];
            for (int i = 0; i < n; i++) {
                double z = 0.5 * base[i] + Math.sqrt(0.75) * gaussian(random);
                codes[i] = Math.min(levels - 1, (int) (Normal.cdf(z) * levels * (0.5 + random.nextDouble() * 0.5)));
                if (c == 4 && random.nextDouble() < 0.05) {
                    codes[i] = Table.MISSING_CODE;
                }
            }
            arrays.add(codes);
        }
        return Table.of(Schema.of(columns), arrays);
    }

    static double gaussian(SplittableRandom random) {
        return Normal.draw(random);
    }

    /** Values of a numeric column that are not missing. */
    static double[] present(Table t, String column) {
        return Arrays.stream(t.numericColumn(column)).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** Two-sample Kolmogorov–Smirnov statistic (handles ties). */
    static double ks(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /** Pearson correlation over rows where both are present. */
    static double correlation(Table t, String a, String b) {
        double[] x = t.numericColumn(a);
        double[] y = t.numericColumn(b);
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
                sx += x[i];
                sy += y[i];
                sxx += x[i] * x[i];
                syy += y[i] * y[i];
                sxy += x[i] * y[i];
            }
        }
        double cov = sxy / n - sx / n * sy / n;
        return cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
    }

    static double share(Table t, String column, int code) {
        int[] codes = t.codes(column);
        return (double) Arrays.stream(codes).filter(c -> c == code).count() / codes.length;
    }

    static double missingRate(Table t, String column) {
        int c = t.schema().requireIndex(column);
        int missing = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.isMissing(c, i)) {
                missing++;
            }
        }
        return (double) missing / t.rowCount();
    }
}
