package dev.genlab.plugin.djl.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The encoding built from a public domain: nothing read from the rows, known codes, clipping, decoding inside the domain. */
class TestTabularTransformerFromDomain {
    static final TabularTransformer.Options OPTIONS = TabularTransformer.Options.modeSpecific(100);
    /** x in [0, 10] (5 bins of width 2, may be missing), an integral age in [17, 90], colour one of red/green/blue or missing, sex. */
    static final PublicDomain DOMAIN = new PublicDomain(Map.of(
            "x", ColumnDomain.range(0, 10).orMissing(),
            "age", ColumnDomain.range(17, 90),
            "colour", ColumnDomain.categories(List.of("red", "green", "blue")).orMissing(),
            "sex", ColumnDomain.categories(List.of("F", "M"))), "test codebook");
    static final Schema SCHEMA = Schema.of(Column.numeric("x"), Column.integer("age"),
            Column.categorical("colour", List.of("red", "green", "blue")), Column.categorical("sex", List.of("F", "M")));

    static Table rows(long seed, int n, double xCentre) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] age = new double[n];
        int[] colour = new int[n];
        int[] sex = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(10) == 0 ? Double.NaN : xCentre + r.nextDouble();
            age[i] = 17 + r.nextInt(30);
            colour[i] = r.nextInt(3);
            sex[i] = r.nextInt(2);
        }
        return Table.of(SCHEMA, List.of(x, age, colour, sex));
    }

    static byte[] bytes(TabularTransformer t) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            t.write(out);
        }
        return b.toByteArray();
    }

    /** Which level (or "missing") each slot of each category block stands for, and every span. */
    static List<String> layout(TabularTransformer t) {
        List<String> out = new ArrayList<>();
        for (Span s : t.spans()) {
            StringBuilder line = new StringBuilder(s.toString());
            if (s.role() == Span.Role.CATEGORY) {
                for (int slot = 0; slot < s.width(); slot++) {
                    int code = t.codeOfSlot(s, slot);
                    line.append(' ').append(code == Table.MISSING_CODE ? "<missing>" : t.schema().column(s.column()).levels().get(code));
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    /** The level (or "missing") of each slot of column {@code c}'s category block. */
    static List<String> slots(TabularTransformer t, int c) {
        Span s = t.categorySpans().stream().filter(x -> x.column() == c).findFirst().orElseThrow();
        List<String> out = new ArrayList<>();
        for (int slot = 0; slot < s.width(); slot++) {
            int code = t.codeOfSlot(s, slot);
            out.add(code == Table.MISSING_CODE ? "<missing>" : t.schema().column(c).levels().get(code));
        }
        return out;
    }

    @Test
    void theEncodingIsTheSameWhateverThePrivateRowsAre() throws IOException {
        Table a = rows(1, 500, 1);     // x near 1, some missing
        Table b = rows(2, 40, 8);      // other rows, another count, x near 8
        TabularTransformer ta = TabularTransformer.fromDomain(a.schema(), DOMAIN, 5, OPTIONS);
        TabularTransformer tb = TabularTransformer.fromDomain(b.schema(), DOMAIN, 5, OPTIONS);
        assertArrayEquals(bytes(ta), bytes(tb), "the whole coder state, byte for byte");
        assertTrue(ta.isFromDomain());
        // a table whose schema lists fewer levels (the rows never had 'blue') is coded over the same public slots
        Schema fewer = Schema.of(Column.numeric("x"), Column.integer("age"), Column.categorical("colour", List.of("green")),
                Column.categorical("sex", List.of("M", "F")));
        TabularTransformer tc = TabularTransformer.fromDomain(fewer, DOMAIN, 5, OPTIONS);
        assertEquals(layout(ta), layout(tc));
        // x: offset + 5 bins + (present, missing); age: offset + 5 bins; colour: 3 categories + missing; sex: 2
        assertEquals(1 + 5 + 2 + 1 + 5 + 4 + 2, ta.width());
        assertEquals(List.of("red", "green", "blue", "<missing>"), slots(ta, 2));
        assertEquals(List.of("F", "M"), slots(tc, 3), "in the domain's order, whatever the schema's");
        // the decoded schema carries every public category
        assertEquals(List.of("green", "red", "blue"), tc.schema().column("colour").levels());
    }

    @Test
    void valuesAreCodedAsTheirPublicBinAndPlaceInsideIt() {
        Table t = Table.of(SCHEMA, List.of(new double[] {5, 0, 12, -3, Double.NaN}, new double[] {17, 90, 53.5, 17, 17},
                new int[] {0, 1, 2, Table.MISSING_CODE, 0}, new int[] {0, 1, 0, 1, 0}));
        TabularTransformer tt = TabularTransformer.fromDomain(SCHEMA, DOMAIN, 5, OPTIONS);
        float[] e = tt.transform(t, new SplittableRandom(1));
        int w = tt.width();
        // x = 5: bin 2 of [0, 10] (4..6), at its centre
        assertRow(e, 0, w, 0, new float[] {0f, 0, 0, 1, 0, 0, 1, 0});
        // x = 0: bin 0 at its lower edge (the offset stays inside tanh's range)
        assertRow(e, 1, w, 0, new float[] {-0.99f, 1, 0, 0, 0, 0, 1, 0});
        // x = 12 and -3 lie outside [0, 10]: clipped to 10 and 0
        assertRow(e, 2, w, 0, new float[] {0.99f, 0, 0, 0, 0, 1, 1, 0});
        assertRow(e, 3, w, 0, new float[] {-0.99f, 1, 0, 0, 0, 0, 1, 0});
        // missing x: the missing slot, the value block at the domain's minimum
        assertRow(e, 4, w, 0, new float[] {-0.99f, 1, 0, 0, 0, 0, 0, 1});
        // colour: red, green, blue, missing in the domain's slots
        assertRow(e, 0, w, 14, new float[] {1, 0, 0, 0});
        assertRow(e, 2, w, 14, new float[] {0, 0, 1, 0});
        assertRow(e, 3, w, 14, new float[] {0, 0, 0, 1});
        // age 53.5: [17, 90] in 5 bins of 14.6, bin 2 (46.2..60.8) centred at 53.5
        assertEquals(0f, e[2 * w + 8], 1e-6);
        assertEquals(1f, e[2 * w + 9 + 2]);
    }

    @Test
    void anIntegralColumnWithAShortRangeGetsOneBinPerWholeNumber() {
        Schema schema = Schema.of(Column.integer("grade"));
        TabularTransformer tt = TabularTransformer.fromDomain(schema, new PublicDomain(Map.of("grade", ColumnDomain.range(1, 4)), "test"), 5, OPTIONS);
        assertEquals(1 + 4, tt.width(), "4 whole numbers fit in 5 bins: one bin each");
        float[] e = tt.transform(Table.of(schema, List.of(new double[] {1, 2, 3, 4, 7})), new SplittableRandom(1));
        assertRow(e, 1, 5, 0, new float[] {0, 0, 1, 0, 0});
        assertRow(e, 4, 5, 0, new float[] {0, 0, 0, 0, 1}); // 7 clipped to 4
        assertArrayEquals(new double[] {1, 2, 3, 4, 4}, tt.inverse(e, 5).numericColumn(0));
        assertEquals(3.0, tt.inverse(new float[] {0.9f, 0, 0, 5, 0}, 1).numeric(0, 0), "anywhere in its bin, 3 decodes to 3");
    }

    private static void assertRow(float[] encoded, int row, int width, int from, float[] expected) {
        float[] got = new float[expected.length];
        System.arraycopy(encoded, row * width + from, got, 0, expected.length);
        assertArrayEquals(expected, got, 1e-6f, "row " + row + " from " + from);
    }

    @Test
    void aCategoryOutsideTheDomainBecomesItsFirstAndAMissingValueItDoesNotAllowItsMinimum() {
        Schema schema = Schema.of(Column.numeric("x"), Column.integer("age"),
                Column.categorical("colour", List.of("red", "purple")), Column.categorical("sex", List.of("F", "M", "X")));
        Table t = Table.of(schema, List.of(new double[] {1}, new double[] {Double.NaN}, new int[] {1}, new int[] {2}));
        TabularTransformer tt = TabularTransformer.fromDomain(schema, DOMAIN, 5, OPTIONS);
        Table back = tt.inverse(tt.transform(t, new SplittableRandom(1)), 1);
        assertEquals("red", back.schema().column("colour").levels().get(back.code(2, 0)), "purple is not public: red, the first category");
        assertEquals("F", back.schema().column("sex").levels().get(back.code(3, 0)));
        assertEquals(17.0, back.numeric(1, 0), "a missing age (the domain allows none) is coded as 17, the minimum");
    }

    @Test
    void decodingGivesTheValuesBackAndStaysInsideTheDomain() throws IOException {
        Table t = rows(3, 300, 4);
        TabularTransformer tt = TabularTransformer.fromDomain(SCHEMA, DOMAIN, 5, OPTIONS);
        Table back = tt.inverse(tt.transform(t, new SplittableRandom(1)), t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(t.isMissing(0, i), back.isMissing(0, i));
            if (!t.isMissing(0, i)) {
                assertEquals(t.numeric(0, i), back.numeric(0, i), 0.0101, "x within 1 % of a half bin");
            }
            assertEquals(t.numeric(1, i), back.numeric(1, i), "age, rounded");
            assertEquals(t.schema().column(2).levels().get(t.code(2, i)), back.schema().column(2).levels().get(back.code(2, i)));
        }
        // any network output decodes inside the domain: offsets far outside [-1, 1], any bin, whole ages
        SplittableRandom r = new SplittableRandom(4);
        float[] raw = new float[1000 * tt.width()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) (r.nextDouble() * 20 - 10);
        }
        Table sampled = tt.inverse(raw, 1000);
        assertTrue(DOMAIN.violations(sampled, 10).isEmpty(), DOMAIN.violations(sampled, 10).toString());
        // and the saved coder decodes the same
        TabularTransformer read = TabularTransformer.read(new DataInputStream(new ByteArrayInputStream(bytes(tt))));
        assertTrue(read.isFromDomain());
        assertEquals(sampled, read.inverse(raw, 1000));
    }

    @Test
    void aColumnWithoutADomainIsRefusedAndSoAreTooManyCategories() {
        Schema extra = Schema.of(Column.numeric("x"), Column.numeric("income"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TabularTransformer.fromDomain(extra, DOMAIN, 5, OPTIONS));
        assertTrue(e.getMessage().startsWith("column 'income' has no public domain; declared: "), e.getMessage());
        PluginConfigException wide = assertThrows(PluginConfigException.class, () -> TabularTransformer.fromDomain(SCHEMA, DOMAIN, 5,
                TabularTransformer.Options.modeSpecific(2)));
        assertEquals("max-categories", wide.key());
        assertFalse(TabularTransformer.fit(rows(1, 50, 1), OPTIONS).isFromDomain());
    }
}
