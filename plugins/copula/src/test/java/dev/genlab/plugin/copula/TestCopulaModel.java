package dev.genlab.plugin.copula;

import static dev.genlab.plugin.copula.SyntheticTables.correlation;
import static dev.genlab.plugin.copula.SyntheticTables.ks;
import static dev.genlab.plugin.copula.SyntheticTables.missingRate;
import static dev.genlab.plugin.copula.SyntheticTables.present;
import static dev.genlab.plugin.copula.SyntheticTables.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import dev.genlab.testkit.TestContexts.RecordingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCopulaModel {
    private static final int ROWS = 5000;
    private static Table train;
    private static FittedModel fitted;
    private static Table sample;
    private static RecordingContext context;

    @TempDir
    Path directory;

    @BeforeAll
    static void fit(@TempDir Path runDirectory) throws IOException {
        train = SyntheticTables.correlated(ROWS, 20240611L);
        context = TestContexts.training(42, runDirectory);
        fitted = new CopulaModel(CopulaConfig.defaults()).fit(train, context);
        sample = (Table) fitted.sample(ROWS, 1);
    }

    private static double[] column(Table t, String name) {
        return t.numericColumn(name);
    }

    @Test
    void sampleHasTheTrainingSchema() {
        assertEquals(train.schema(), sample.schema());
        assertEquals(ROWS, sample.rowCount());
        assertEquals(0, ((Table) fitted.sample(0, 1)).rowCount());
        assertThrows(IllegalArgumentException.class, () -> fitted.sample(-1, 1));
    }

    @Test
    void numericMarginalsAreKept() {
        for (String name : List.of("x", "y", "skewed", "count")) {
            double d = ks(present(train, name), present(sample, name));
            assertTrue(d < 0.05, "KS statistic of " + name + " is " + d);
            double[] real = present(train, name);
            double[] synthetic = present(sample, name);
            assertTrue(Arrays.stream(synthetic).min().orElseThrow() >= Arrays.stream(real).min().orElseThrow(), name + " below training min");
            assertTrue(Arrays.stream(synthetic).max().orElseThrow() <= Arrays.stream(real).max().orElseThrow(), name + " above training max");
        }
    }

    @Test
    void integralColumnIsWholeNumbers() {
        for (double v : present(sample, "count")) {
            assertEquals(Math.rint(v), v, 0, "count " + v);
        }
    }

    @Test
    void categorySharesAreKeptAndUnseenLevelsNeverSampled() {
        for (int code = 0; code < 3; code++) {
            double real = share(train, "colour", code);
            double synthetic = share(sample, "colour", code);
            assertEquals(real, synthetic, 0.02, "share of colour " + code);
        }
        assertEquals(0, share(sample, "colour", 3), 0, "purple never occurs in training");
        assertEquals(share(train, "flag", 1), share(sample, "flag", 1), 0.02);
    }

    @Test
    void correlationIsKept() {
        double real = correlation(train, "x", "y");
        double synthetic = correlation(sample, "x", "y");
        assertEquals(0.8, real, 0.05);
        assertEquals(0.8, synthetic, 0.05, "sample correlation");
        assertEquals(real, synthetic, 0.03);
        // Categorical-numeric dependence: blue rows have a higher x in training and in the sample.
        double realShift = meanWhere(train, "x", "colour", 2) - meanWhere(train, "x", "colour", 0);
        assertTrue(realShift > 8, "test data: " + realShift);
        assertEquals(realShift, meanWhere(sample, "x", "colour", 2) - meanWhere(sample, "x", "colour", 0), 1.0);
        // Categorical-categorical: flag is mostly yes for blue rows.
        assertEquals(shareWhere(train, "flag", 1, "colour", 2), shareWhere(sample, "flag", 1, "colour", 2), 0.04);
    }

    @Test
    void missingRatesAreKeptAndFollowOtherColumns() {
        for (String name : SyntheticTables.SCHEMA.names()) {
            assertEquals(missingRate(train, name), missingRate(sample, name), 0.02, "missing rate of " + name);
        }
        assertEquals(0, missingRate(sample, "x"), 0, "x is never missing in training");
        assertEquals(0, missingRate(sample, "count"), 0);
        // y goes missing mostly when x is high; the latent missing indicator keeps that.
        double realHigh = missingWhereAbove(train, "y", "x", 46);
        double syntheticHigh = missingWhereAbove(sample, "y", "x", 46);
        assertTrue(realHigh > 0.15, "test data: " + realHigh);
        assertEquals(realHigh, syntheticHigh, 0.03);
    }

    @Test
    void constantColumnsAlwaysSampleTheirValue() {
        assertTrue(Arrays.stream(column(sample, "constant")).allMatch(v -> v == 7));
        assertTrue(Arrays.stream(sample.codes("country")).allMatch(c -> c == 0));
    }

    @Test
    void logsAnHonestFitMetric() {
        List<Double> mutual = context.history("copula.total-correlation");
        assertEquals(1, mutual.size());
        // x and y alone at correlation 0.8 give -0.5 log(1 - 0.64) = 0.51 nats; the other dependencies add more.
        assertTrue(mutual.get(0) > 0.51 && mutual.get(0) < 3, "total correlation " + mutual.get(0));
        assertTrue(context.metrics().stream().allMatch(m -> m.step() == 0));
        assertEquals(List.of(0.0), context.history("copula.correlation-adjustment"));
        assertEquals(List.of(8.0), context.history("copula.latent-dimensions"), "x, y, skewed, count, colour, flag; y and colour missing");
    }

    @Test
    void sameSeedSameTableOtherSeedOtherTable() throws IOException {
        assertEquals(sample, fitted.sample(ROWS, 1));
        assertNotEquals(sample, fitted.sample(ROWS, 2));
        // Refitting with the same run seed gives the same model.
        FittedModel again = new CopulaModel(CopulaConfig.defaults()).fit(train, TestContexts.training(42, directory));
        assertEquals(sample, again.sample(ROWS, 1));
    }

    @Test
    void savedModelSamplesTheSameRows() throws IOException {
        fitted.save(directory);
        FittedModel loaded = new CopulaModel(CopulaConfig.defaults()).load(directory);
        assertEquals(fitted.sample(1000, 99), loaded.sample(1000, 99));
        Map<String, String> blue = Map.of("colour", "blue");
        assertEquals(fitted.sample(200, 5, blue), loaded.sample(200, 5, blue));
        assertEquals(train.schema(), ((Table) loaded.sample(1, 1)).schema());
    }

    @Test
    void conditionalSamplingSatisfiesTheConditions() {
        Table blue = (Table) fitted.sample(2000, 3, Map.of("colour", "blue"));
        assertEquals(2000, blue.rowCount());
        assertTrue(Arrays.stream(blue.codes("colour")).allMatch(c -> c == 2));
        // The other columns follow the conditional distribution: blue rows have higher x and mostly flag = yes.
        assertEquals(meanWhere(train, "x", "colour", 2), mean(present(blue, "x")), 0.8);
        assertEquals(shareWhere(train, "flag", 1, "colour", 2), share(blue, "flag", 1), 0.05);

        Table two = (Table) fitted.sample(500, 3, Map.of("colour", "green", "flag", "yes"));
        assertTrue(Arrays.stream(two.codes("colour")).allMatch(c -> c == 1));
        assertTrue(Arrays.stream(two.codes("flag")).allMatch(c -> c == 1));
        assertEquals(two, fitted.sample(500, 3, Map.of("flag", "yes", "colour", "green")));
        assertTrue(fitted.supportsConditions());
        assertEquals(fitted.sample(10, 3), fitted.sample(10, 3, Map.of()));
        // A condition on a constant column is no constraint at all.
        assertTrue(Arrays.stream(((Table) fitted.sample(10, 3, Map.of("country", "US"))).codes("country")).allMatch(c -> c == 0));
    }

    @Test
    void conditionalSamplingExplainsWhatItCannotDo() {
        assertEquals("column 'colour' has no level 'orange'; levels: [red, green, blue, purple]",
                assertThrows(IllegalArgumentException.class, () -> fitted.sample(10, 1, Map.of("colour", "orange"))).getMessage());
        assertEquals("cannot condition on 'shape': no such column; columns: " + SyntheticTables.SCHEMA.names(),
                assertThrows(IllegalArgumentException.class, () -> fitted.sample(10, 1, Map.of("shape", "round"))).getMessage());
        assertEquals("cannot condition on numeric column 'x': conditional sampling supports categorical columns only",
                assertThrows(IllegalArgumentException.class, () -> fitted.sample(10, 1, Map.of("x", "3"))).getMessage());
        assertEquals("cannot condition on colour = 'purple': the level never occurs in the training data, so the model never samples it",
                assertThrows(IllegalArgumentException.class, () -> fitted.sample(10, 1, Map.of("colour", "purple"))).getMessage());
        assertEquals("cannot condition on country = 'CA': the level never occurs in the training data, so the model never samples it",
                assertThrows(IllegalArgumentException.class, () -> fitted.sample(10, 1, Map.of("country", "CA"))).getMessage());

        CopulaConfig strict = new CopulaConfig(NumericMarginal.EMPIRICAL, true, true, 1e-6, 0.9);
        FittedModel picky = new CopulaModel(strict).fit(train, TestContexts.training(42, directory));
        String message = assertThrows(IllegalArgumentException.class,
                () -> picky.sample(100, 1, Map.of("colour", "blue", "flag", "no"))).getMessage();
        assertTrue(message.startsWith("conditions ") && message.contains("are too rare under the fitted model")
                && message.endsWith("below min-acceptance-rate 0.9"), message);
    }

    @Test
    void gaussianMarginalsAndIndependentMissingness() {
        CopulaConfig config = new CopulaConfig(NumericMarginal.GAUSSIAN, false, true, 1e-6, 1e-3);
        FittedCopula model = (FittedCopula) new CopulaModel(config).fit(train, TestContexts.training(1, directory));
        Table s = model.sample(ROWS, 4);
        assertEquals(0.8, correlation(s, "x", "y"), 0.05);
        assertTrue(ks(present(train, "y"), present(s, "y")) < 0.05);
        assertTrue(Arrays.stream(present(s, "count")).allMatch(v -> v == Math.rint(v) && v >= 0 && v <= 10));
        assertTrue(Arrays.stream(present(s, "skewed")).allMatch(v -> v > 0), "clipped to the training range");
        assertEquals(missingRate(train, "y"), missingRate(s, "y"), 0.02);
        // Missingness independent of x now.
        assertEquals(missingRate(s, "y"), missingWhereAbove(s, "y", "x", 46), 0.04);
        ColumnModel y = model.columns().get(1);
        double[][] r = model.correlation();
        for (int j = 0; j < r.length; j++) {
            if (j != y.missingDimension()) {
                assertEquals(0, r[y.missingDimension()][j], 0);
            }
        }
    }

    @Test
    void oneRowTableSamplesThatRow() {
        Table one = train.head(1);
        FittedModel model = new CopulaModel(CopulaConfig.defaults()).fit(one, TestContexts.training(1, directory));
        Table s = (Table) model.sample(20, 1);
        for (int c = 0; c < one.columnCount(); c++) {
            for (int i = 0; i < 20; i++) {
                assertEquals(one.text(c, 0), s.text(c, i));
            }
        }
    }

    @Test
    void twoRowTableSamplesBetweenItsRows() throws IOException {
        Table two = train.rows(new int[] {0, 7});
        FittedModel model = new CopulaModel(CopulaConfig.defaults()).fit(two, TestContexts.training(1, directory));
        Table s = (Table) model.sample(200, 1);
        for (String name : List.of("x", "count", "skewed")) {
            double lo = Math.min(two.numeric(two.schema().requireIndex(name), 0), two.numeric(two.schema().requireIndex(name), 1));
            double hi = Math.max(two.numeric(two.schema().requireIndex(name), 0), two.numeric(two.schema().requireIndex(name), 1));
            assertTrue(Arrays.stream(column(s, name)).allMatch(v -> v >= lo && v <= hi), name);
        }
        int[] seen = two.codes("flag");
        assertTrue(Arrays.stream(s.codes("flag")).allMatch(c -> c == seen[0] || c == seen[1]));
        model.save(directory);
        assertEquals(s, new CopulaModel(CopulaConfig.defaults()).load(directory).sample(200, 1));
    }

    @Test
    void columnsAllMissingOrDuplicatedDoNotBreakTheFit() {
        Schema schema = Schema.of(Column.numeric("a"), Column.numeric("copy"), Column.numeric("empty"),
                Column.categorical("k", List.of("p", "q")), Column.categorical("none", List.of("z")));
        int n = 300;
        double[] a = new double[n];
        double[] empty = new double[n];
        int[] k = new int[n];
        int[] none = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 17;
            empty[i] = Double.NaN;
            k[i] = i % 3 == 0 ? 1 : 0;
            none[i] = Table.MISSING_CODE;
        }
        Table t = Table.of(schema, List.of(a, a, empty, k, none));
        RecordingContext ctx = TestContexts.training(3, directory);
        FittedModel model = new CopulaModel(CopulaConfig.defaults()).fit(t, ctx);
        Table s = (Table) model.sample(500, 2);
        assertEquals(1, missingRate(s, "empty"), 0);
        assertEquals(1, missingRate(s, "none"), 0);
        assertTrue(correlation(s, "a", "copy") > 0.99, "identical columns stay (almost) identical");
        assertTrue(ctx.history("copula.correlation-adjustment").get(0) > 0, "a singular matrix was adjusted");
        assertEquals(1.0 / 3, share(s, "k", 1), 0.05);
    }

    @Test
    void rejectsAnEmptyTableAndInfiniteValues() {
        CopulaModel model = new CopulaModel(CopulaConfig.defaults());
        assertEquals("cannot fit a Gaussian copula to a table without rows",
                assertThrows(IllegalArgumentException.class, () -> model.fit(train.head(0), TestContexts.training(1, directory))).getMessage());
        Table infinite = Table.of(Schema.of(Column.numeric("v")), List.of(new double[] {1, Double.POSITIVE_INFINITY}));
        assertEquals("column 'v' has an infinite value in row 2; a copula can only model finite numbers",
                assertThrows(IllegalArgumentException.class, () -> model.fit(infinite, TestContexts.training(1, directory))).getMessage());
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double meanWhere(Table t, String numeric, String categorical, int code) {
        double[] v = t.numericColumn(numeric);
        int[] c = t.codes(categorical);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (c[i] == code && !Double.isNaN(v[i])) {
                sum += v[i];
                n++;
            }
        }
        return sum / n;
    }

    private static double shareWhere(Table t, String column, int code, String by, int byCode) {
        int[] v = t.codes(column);
        int[] c = t.codes(by);
        int n = 0;
        int hits = 0;
        for (int i = 0; i < v.length; i++) {
            if (c[i] == byCode) {
                n++;
                hits += v[i] == code ? 1 : 0;
            }
        }
        return (double) hits / n;
    }

    private static double missingWhereAbove(Table t, String column, String by, double threshold) {
        double[] v = t.numericColumn(column);
        double[] b = t.numericColumn(by);
        int n = 0;
        int missing = 0;
        for (int i = 0; i < v.length; i++) {
            if (b[i] > threshold) {
                n++;
                missing += Double.isNaN(v[i]) ? 1 : 0;
            }
        }
        return (double) missing / n;
    }
}
