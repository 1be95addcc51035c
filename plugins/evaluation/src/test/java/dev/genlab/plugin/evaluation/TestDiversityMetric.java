package dev.genlab.plugin.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers from make_fixtures.py (PRDC and α-precision maths in numpy) on mixed.csv. */
class TestDiversityMetric {
    @TempDir
    Path dir;

    private MetricResult evaluate(DiversityConfig config, Table real, Table synthetic) throws Exception {
        return new DiversityMetric(config).evaluate(new EvaluationInput(real, real, synthetic), TestContexts.training(3, Files.createDirectories(dir)));
    }

    @Test
    void matchesTheReferenceMathsOnTheMixedFixture() throws Exception {
        Table[] t = TestPrivacyMetric.mixed();
        MetricResult result = evaluate(new DiversityConfig(5, 0), t[0], t[2]);
        Fixtures.assertMatches(Fixtures.expected("diversity"), result, 1e-9);
        assertEquals(300, result.get("real_rows"));
        assertEquals(200, result.get("synthetic_rows"));
        assertEquals(31, Files.readAllLines(dir.resolve("artifacts/diversity/alpha-curves.csv")).size(), "header and 30 alpha levels");
    }

    @Test
    void identicalTablesCoverEverything() throws Exception {
        Table real = TestPrivacyMetric.mixed()[0];
        MetricResult result = evaluate(new DiversityConfig(5, 0), real, real);
        assertEquals(1.0, result.get("precision"));
        assertEquals(1.0, result.get("recall"));
        assertEquals(1.0, result.get("coverage"));
        assertEquals(0.0, result.get("authenticity"), "every synthetic row is a real row");
    }

    @Test
    void disjointTablesCoverNothing() throws Exception {
        Table[] t = TestPrivacyMetric.mixed();
        MetricResult result = evaluate(new DiversityConfig(5, 0), t[0], TestPrivacyMetric.shifted(t[2], 50));
        assertEquals(0.0, result.get("precision"));
        assertEquals(0.0, result.get("coverage"));
        assertEquals(0.0, result.get("density"));
        assertEquals(1.0, result.get("authenticity"));
    }

    @Test
    void tooFewRowsGiveNaNWithANote() throws Exception {
        Table real = TestPrivacyMetric.mixed()[0];
        MetricResult result = evaluate(new DiversityConfig(5, 0), real, real.head(3));
        assertTrue(Double.isNaN(result.get("coverage")));
        assertTrue(Files.readString(dir.resolve("artifacts/diversity/notes.txt")).contains("nearest-k = 5"));
    }

    @Test
    void imagesAreComparedPixelByPixel() throws Exception {
        java.util.List<dev.genlab.spi.Column> pixels = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            pixels.add(dev.genlab.spi.Column.numeric("p" + i));
        }
        dev.genlab.spi.Schema schema = dev.genlab.spi.Schema.of(pixels).withImageShape(new dev.genlab.spi.ImageShape(4, 4, 1));
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        Table real = images(schema, 120, 0, random);
        Table same = images(schema, 120, 0, random);
        Table bright = images(schema, 120, 5, random);
        assertEquals(dev.genlab.spi.Modality.IMAGE, real.modality());
        double similar = evaluate(new DiversityConfig(5, 0), real, same).get("coverage");
        double different = evaluate(new DiversityConfig(5, 0), real, bright).get("coverage");
        assertTrue(similar > 0.8 && different < 0.05, "coverage of a like sample " + similar + ", of brighter images " + different);
    }

    private static Table images(dev.genlab.spi.Schema schema, int n, double shift, java.util.SplittableRandom random) {
        java.util.List<Object> columns = new java.util.ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = shift + random.nextDouble();
            }
            columns.add(v);
        }
        return Table.of(schema, columns);
    }
}
