package dev.genlab.plugin.djl.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestTabularTransformer {
    /** Bimodal income-like column, an integral age with missing values, a category with missing values, a constant and an all-missing column. */
    static Table mixed(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] bimodal = new double[n];
        double[] age = new double[n];
        int[] colour = new int[n];
        double[] constant = new double[n];
        double[] empty = new double[n];
        int[] single = new int[n];
        for (int i = 0; i < n; i++) {
            bimodal[i] = r.nextBoolean() ? -5 + 0.5 * gaussian(r) : 10 + gaussian(r);
            age[i] = r.nextInt(10) == 0 ? Double.NaN : 18 + r.nextInt(60);
            colour[i] = r.nextInt(8) == 0 ? Table.MISSING_CODE : r.nextInt(3);
            constant[i] = 7;
            empty[i] = Double.NaN;
            single[i] = 1;
        }
        Schema schema = Schema.of(Column.numeric("bimodal"), Column.integer("age"),
                Column.categorical("colour", List.of("red", "green", "blue", "never")),
                Column.numeric("constant"), Column.numeric("empty"), Column.categorical("single", List.of("a", "b")));
        return Table.of(schema, List.of(bimodal, age, colour, constant, empty, single));
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void mixtureFindsBothModesOfABimodalColumn() {
        Table t = mixed(4000, 1);
        TabularTransformer tt = TabularTransformer.fit(t, TabularTransformer.Options.modeSpecific(100));
        double[][] modes = tt.modes("bimodal");
        double[] means = modes[0];
        assertTrue(Arrays.stream(means).anyMatch(m -> Math.abs(m + 5) < 0.3), Arrays.toString(means));
        assertTrue(Arrays.stream(means).anyMatch(m -> Math.abs(m - 10) < 0.3), Arrays.toString(means));
        // the prior empties the components the data does not need
        double heavy = 0;
        for (int j = 0; j < means.length; j++) {
            if (Math.abs(means[j] + 5) < 1.5 || Math.abs(means[j] - 10) < 3) {
                heavy += modes[2][j];
            }
        }
        assertTrue(heavy > 0.95, "weight on the two true modes " + heavy + " " + Arrays.toString(modes[2]));
    }

    @Test
    void fittingOnSeveralThreadsGivesTheSameEncoding() {
        Table t = mixed(6000, 6);
        TabularTransformer one = TabularTransformer.fit(t, TabularTransformer.Options.modeSpecific(100), 1);
        float[] expected = one.transform(t, new SplittableRandom(7));
        for (int threads : new int[] {2, 3, 16}) {
            TabularTransformer many = TabularTransformer.fit(t, TabularTransformer.Options.modeSpecific(100), threads);
            assertEquals(one.spans(), many.spans(), threads + " threads: the layout");
            assertArrayEquals(expected, many.transform(t, new SplittableRandom(7)), threads + " threads: the encoded rows");
        }
        // a column that cannot be fitted is reported the same way whatever the thread count
        double[] bad = new double[6000];
        bad[10] = Double.POSITIVE_INFINITY;
        Table broken = Table.of(Schema.of(Column.numeric("a"), Column.numeric("b")), List.of(new double[6000], bad));
        for (int threads : new int[] {1, 2}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TabularTransformer.fit(broken, TabularTransformer.Options.modeSpecific(100), threads));
            assertEquals("column 'b' has an infinite value in row 11; neural models need finite numbers or missing values", e.getMessage());
        }
    }

    @Test
    void inverseOnSeveralThreadsGivesTheSameTable() {
        Table t = mixed(10_000, 4);
        TabularTransformer tt = TabularTransformer.fit(t, TabularTransformer.Options.modeSpecific(100));
        float[] encoded = tt.transform(t, new SplittableRandom(5));
        Table one = tt.inverse(encoded, t.rowCount(), 1);
        assertEquals(tt.inverse(encoded, t.rowCount()), one);
        for (int threads : new int[] {2, 3, 16}) {
            assertEquals(one, tt.inverse(encoded, t.rowCount(), threads), threads + " threads");
        }
        // a row count just above twice the threshold, split unevenly
        assertEquals(tt.inverse(Arrays.copyOf(encoded, 8193 * tt.width()), 8193, 1), tt.inverse(Arrays.copyOf(encoded, 8193 * tt.width()), 8193, 2));
    }

    /** A sample decoded chunk by chunk, from several threads and in any order, is the table {@code inverse} gives. */
    @Test
    void decodingRangeByRangeInAnyOrderGivesTheInverse() throws Exception {
        Table t = mixed(5_000, 6);
        TabularTransformer tt = TabularTransformer.fit(t, TabularTransformer.Options.modeSpecific(100));
        float[] encoded = tt.transform(t, new SplittableRandom(8));
        TabularTransformer.Decoding decoding = tt.decoding(t.rowCount());
        Thread other = new Thread(() -> decoding.rows(encoded, 4_000, 5_000));
        other.start();
        decoding.rows(encoded, 1_000, 4_000);
        decoding.rows(encoded, 0, 1_000);
        other.join();
        assertEquals(tt.inverse(encoded, t.rowCount()), decoding.table());
        assertThrows(IllegalArgumentException.class, () -> decoding.rows(encoded, 4_000, 5_001), "past the table's rows");
        assertThrows(IllegalArgumentException.class, () -> tt.decoding(10).rows(encoded, 3, 2), "an empty range backwards");
        assertThrows(IllegalArgumentException.class, () -> tt.decoding(6_000).rows(encoded, 5_000, 6_000), "past the encoded values");
    }

    /**
     * A sample decoded from chunk-sized buffers (each holding only its own rows, from index 0; the last one shorter),
     * on several threads and in any order, is the table {@code inverse} gives for the whole encoded sample.
     */
    @Test
    void decodingChunkBufferByChunkBufferGivesTheInverse() throws Exception {
        Table t = mixed(5_000, 6);
        TabularTransformer tt = TabularTransformer.fit(t, TabularTransformer.Options.modeSpecific(100));
        float[] encoded = tt.transform(t, new SplittableRandom(9));
        int w = tt.width();
        TabularTransformer.Decoding decoding = tt.decoding(t.rowCount());
        Thread other = new Thread(() -> decoding.chunk(Arrays.copyOfRange(encoded, 4_096 * w, 5_000 * w), 4_096, 5_000));
        other.start();
        for (int from : new int[] {2_048, 0}) {
            float[] buffer = new float[2_048 * w];
            Arrays.fill(buffer, Float.NaN);
            System.arraycopy(encoded, from * w, buffer, 0, 2_048 * w);
            decoding.chunk(buffer, from, from + 2_048);
        }
        other.join();
        assertEquals(tt.inverse(encoded, t.rowCount()), decoding.table());
        assertThrows(IllegalArgumentException.class, () -> decoding.chunk(new float[1_000 * w], 4_096, 5_001), "past the table's rows");
        assertThrows(IllegalArgumentException.class, () -> decoding.chunk(new float[999 * w], 1_000, 2_000), "a buffer too short for the rows");
    }

    @Test
    void inverseOfTransformGivesTheDataBackForEveryEncoding() {
        Table t = mixed(2000, 2);
        for (NumericEncoding encoding : NumericEncoding.values()) {
            TabularTransformer tt = TabularTransformer.fit(t, new TabularTransformer.Options(encoding, 10, 0.005, 100));
            float[] encoded = tt.transform(t, new SplittableRandom(3));
            Table back = tt.inverse(encoded, t.rowCount());
            assertEquals(t.schema(), back.schema());
            for (int c = 0; c < t.columnCount(); c++) {
                for (int i = 0; i < t.rowCount(); i++) {
                    assertEquals(t.isMissing(c, i), back.isMissing(c, i), encoding + " column " + c + " row " + i);
                    if (t.schema().column(c).isCategorical()) {
                        assertEquals(t.code(c, i), back.code(c, i));
                    } else if (!t.isMissing(c, i)) {
                        // float32 encoding: relative precision ~1e-6 of the column's scale
                        assertEquals(t.numeric(c, i), back.numeric(c, i), 1e-4 * 20, encoding + " column " + c + " row " + i);
                    }
                }
            }
        }
    }

    @Test
    void constantAndAllMissingColumnsTakeNoSpaceAndMissingValuesAreExplicit() {
        TabularTransformer tt = TabularTransformer.fit(mixed(500, 4), TabularTransformer.Options.modeSpecific(100));
        List<Span.Role> roles = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (Span s : tt.spans()) {
            roles.add(s.role());
            columns.add(s.column());
        }
        // bimodal: value + modes; age: value + modes + missing; colour: 3 levels + missing slot; constant/empty/single: nothing
        assertEquals(List.of(0, 0, 1, 1, 1, 2), columns);
        assertEquals(List.of(Span.Role.VALUE, Span.Role.MODE, Span.Role.VALUE, Span.Role.MODE, Span.Role.MISSING, Span.Role.CATEGORY), roles);
        assertEquals(4, tt.categorySpans().get(0).width());
        assertArrayEquals(new int[] {0, 2}, tt.conditionSlot("colour", "blue"));
        assertEquals("level 'never' of column 'colour' never occurs in the training data",
                assertThrows(IllegalArgumentException.class, () -> tt.conditionSlot("colour", "never")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> tt.conditionSlot("age", "3"));
        assertThrows(IllegalArgumentException.class, () -> tt.conditionSlot("nope", "3"));
    }

    @Test
    void tooManyLevelsIsAClearConfigError() {
        int n = 3000;
        List<String> levels = new ArrayList<>();
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            levels.add("id-" + i);
            codes[i] = i;
        }
        Table t = Table.of(Schema.of(Column.categorical("id", levels)), List.of(codes));
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> TabularTransformer.fit(t, TabularTransformer.Options.modeSpecific(1000)));
        assertEquals("max-categories", e.key());
        assertTrue(e.getMessage().startsWith("column 'id' has 3000 distinct values, more than max-categories = 1000"), e.getMessage());
    }

    @Test
    void savedTransformerDecodesIdentically() throws Exception {
        Table t = mixed(800, 5);
        TabularTransformer tt = TabularTransformer.fit(t, TabularTransformer.Options.modeSpecific(100));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tt.write(new DataOutputStream(bytes));
        TabularTransformer loaded = TabularTransformer.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(tt.spans(), loaded.spans());
        float[] encoded = tt.transform(t, new SplittableRandom(1));
        assertEquals(tt.inverse(encoded, t.rowCount()), loaded.inverse(encoded, t.rowCount()));
        assertArrayEquals(encoded, loaded.transform(t, new SplittableRandom(1)));
    }
}
