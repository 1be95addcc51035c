package dev.genlab.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report data: histograms, associations and group shares against values worked out by hand. */
class TestReportData {
    @TempDir
    Path dir;

    private static final Schema SCHEMA = Schema.of(Column.numeric("x"), Column.categorical("sex", List.of("F", "M")),
            Column.categorical("label", List.of("no", "yes"))).withTarget("label").withSensitive(List.of("sex"));

    private static Table table(double[] x, int[] sex, int[] label) {
        return Table.of(SCHEMA, List.of(x, sex, label));
    }

    @Test
    void numericHistogramsShareEqualWidthBinsOverBothSidesWithMissingValuesApart() {
        ReportData.Marginal m = ReportData.numericMarginal("x", new double[] {0, 1, 2, 10}, new double[] {5, 10, Double.NaN});
        assertEquals(ReportData.BINS + 2, m.edges().length + 1, "20 bins have 21 edges, plus a missing bar");
        assertEquals(0, m.edges()[0]);
        assertEquals(10, m.edges()[ReportData.BINS]);
        assertEquals(0.5, m.edges()[1], 1e-12);
        assertEquals("(missing)", m.labels().get(ReportData.BINS));
        long[] real = new long[ReportData.BINS + 1];
        real[0] = 1;
        real[2] = 1;
        real[4] = 1;
        real[19] = 1;
        assertArrayEquals(real, m.real(), "the maximum falls in the last bin");
        long[] synthetic = new long[ReportData.BINS + 1];
        synthetic[10] = 1;
        synthetic[19] = 1;
        synthetic[20] = 1;
        assertArrayEquals(synthetic, m.synthetic());
    }

    @Test
    void categoricalCountsPerLevelAndNoMissingBarWithoutMissingValues() {
        Table real = table(new double[] {1, 2, 3}, new int[] {0, 1, 1}, new int[] {0, 0, 1});
        Table synthetic = table(new double[] {1, 2}, new int[] {Table.MISSING_CODE, 1}, new int[] {0, 1});
        ReportData.Marginal sex = ReportData.marginal(real, synthetic, 1);
        assertEquals(List.of("F", "M", "(missing)"), sex.labels());
        assertArrayEquals(new long[] {1, 2, 0}, sex.real());
        assertArrayEquals(new long[] {0, 1, 1}, sex.synthetic());
        ReportData.Marginal label = ReportData.marginal(real, synthetic, 2);
        assertEquals(List.of("no", "yes"), label.labels());
    }

    @Test
    void associationMeasuresMatchHandComputedValues() {
        assertEquals(0.8, Statistics.pearson(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}), 1e-12, "sxy 4 / sqrt(5 * 5)");
        assertEquals(1.0, Statistics.pearson(new double[] {1, 2, Double.NaN, 3}, new double[] {2, 4, 100, 6}), 1e-12, "pairwise complete");
        assertTrue(Double.isNaN(Statistics.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
        // 2x2 table [[10, 20], [30, 40]]: expected 12, 18, 28, 42; chi2 = 4/12 + 4/18 + 4/28 + 4/42
        int[] a = new int[100];
        int[] b = new int[100];
        int i = 0;
        int[][] cells = {{10, 20}, {30, 40}};
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                for (int n = 0; n < cells[r][c]; n++, i++) {
                    a[i] = r;
                    b[i] = c;
                }
            }
        }
        double chi2 = 4.0 / 12 + 4.0 / 18 + 4.0 / 28 + 4.0 / 42;
        assertEquals(Math.sqrt(chi2 / 100), Statistics.cramersV(a, 2, b, 2), 1e-12);
        assertEquals(1.0, Statistics.cramersV(new int[] {0, 0, 1, 1}, 2, new int[] {1, 1, 0, 0}, 2), 1e-12);
        // groups {1, 3} and {5, 7}: between 2*4 + 2*4 = 16, total 9 + 1 + 1 + 9 = 20
        assertEquals(Math.sqrt(0.8), Statistics.correlationRatio(new int[] {0, 0, 1, 1}, 2, new double[] {1, 3, 5, 7}), 1e-12);
    }

    @Test
    void sensitiveGroupSharesAndOutcomeRates() throws IOException {
        Table real = table(new double[] {1, 2, 3, 4}, new int[] {0, 0, 0, 1}, new int[] {0, 1, 0, 1});
        Table synthetic = table(new double[] {1, 2}, new int[] {0, 1}, new int[] {0, 0});
        ReportData data = ReportData.of(real, synthetic);
        ReportData.GroupShares sex = data.groups().get(0);
        assertEquals("sex", sex.column());
        assertArrayEquals(new double[] {0.75, 0.25}, sex.real(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, sex.synthetic(), 1e-12);
        assertEquals("label = yes", sex.outcome(), "the target's rarer level (a tie picks the second)");
        assertArrayEquals(new double[] {1.0 / 3, 1.0}, sex.realOutcomeRate(), 1e-12);
        assertArrayEquals(new double[] {0, 0}, sex.syntheticOutcomeRate(), 1e-12);
        assertEquals(List.of("x", "sex", "label"), data.associations().columns());
        assertEquals(1.0, data.associations().real()[0][0]);

        Path file = dir.resolve("report/data.json");
        Map<String, Path> written = ReportData.capture(real, synthetic, dir);
        assertEquals(Map.of("report/data.json", file), written);
        ReportData back = ReportData.read(file);
        assertEquals(data.marginals().size(), back.marginals().size());
        assertArrayEquals(data.associations().synthetic()[1], back.associations().synthetic()[1], 0);
        assertArrayEquals(sex.realOutcomeRate(), back.groups().get(0).realOutcomeRate(), 0);
    }

    @Test
    void imageTablesKeepTheFirstImagesInsteadOfPixelMarginals() {
        List<Column> columns = new java.util.ArrayList<>();
        for (int p = 0; p < 4; p++) {
            columns.add(Column.numeric("p" + p));
        }
        columns.add(Column.categorical("digit", List.of("0", "1")));
        Schema schema = Schema.of(columns).withTarget("digit").withImageShape(new ImageShape(2, 2, 1));
        int rows = 70;
        double[][] pixels = new double[4][rows];
        int[] digit = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < 4; p++) {
                pixels[p][r] = (r + p) % 17;
            }
        }
        Table t = Table.of(schema, List.of(pixels[0], pixels[1], pixels[2], pixels[3], digit));
        ReportData data = ReportData.of(t, t);
        assertEquals(List.of("digit"), data.marginals().stream().map(ReportData.Marginal::column).toList());
        assertNull(data.associations());
        assertNotNull(data.images());
        assertEquals(ReportData.IMAGES, data.images().synthetic().size());
        assertArrayEquals(new double[] {5, 6, 7, 8}, data.images().real().get(5));
        assertEquals(0, data.images().min());
        assertEquals(16, data.images().max());
    }

    @Test
    void textKeepsSampleDocumentsAndTheirLengths() {
        Corpus real = Corpus.of(List.of("abc", "de"));
        Corpus synthetic = Corpus.of(List.of("x".repeat(1000)));
        ReportData data = ReportData.of(real, synthetic);
        assertEquals("text", data.modality());
        assertEquals(List.of("abc", "de"), data.text().real());
        assertEquals(ReportData.DOCUMENT_CHARACTERS + 1, data.text().synthetic().get(0).length(), "cut, with an ellipsis");
        assertEquals(1, data.marginals().size());
    }
}
