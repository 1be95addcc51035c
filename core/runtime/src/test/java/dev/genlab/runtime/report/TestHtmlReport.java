package dev.genlab.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.spi.Column;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Measure;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports of real runs of the test plugins: every expected plot is on the page, and nothing is fetched from a network. */
class TestHtmlReport {
    private static final Genlab GENLAB = new Genlab(PluginRegistry.discover(List.of()));
    private static final Pattern SECTION = Pattern.compile("<section id=\"([^\"]+)\">(.*?)</section>", Pattern.DOTALL);
    private static final Pattern PNG = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
    private static final Pattern LINK = Pattern.compile("(?i)(src|href)\\s*=\\s*\"([^\"]*)\"");

    @TempDir
    Path dir;

    private StoredRun run(String seed, String noise) throws IOException {
        Path f = dir.resolve("exp.conf");
        Files.writeString(f, "name = toy-report\nseed = " + seed + "\ndataset { type = toy, rows = 300 }\n"
                + "model { type = bootstrap, epochs = 5, noise = " + noise + " }\nmetrics = [mean-gap]\n");
        PreparedRun prepared = GENLAB.prepare(f, List.of(), RunListener.SILENT);
        RunOutcome outcome = GENLAB.run(prepared, dir.resolve("runs"), List.of(), RunListener.SILENT, new AtomicBoolean());
        assertEquals(RunStatus.FINISHED, outcome.status(), outcome.error());
        return new LocalRunStore(dir.resolve("runs")).find(outcome.runId()).orElseThrow();
    }

    /** PNG images per section id. */
    static Map<String, List<byte[]>> images(String html) {
        Map<String, List<byte[]>> out = new LinkedHashMap<>();
        Matcher s = SECTION.matcher(html);
        while (s.find()) {
            List<byte[]> pngs = new ArrayList<>();
            Matcher m = PNG.matcher(s.group(2));
            while (m.find()) {
                pngs.add(Base64.getDecoder().decode(m.group(1)));
            }
            out.put(s.group(1), pngs);
        }
        return out;
    }

    static void assertSelfContained(String html) {
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            String target = m.group(2).toLowerCase(java.util.Locale.ROOT);
            assertFalse(target.startsWith("http:") || target.startsWith("https:") || target.startsWith("//"), "external reference " + m.group());
        }
        assertFalse(html.contains("url(http"), "no external CSS resources");
        assertFalse(html.contains("@import"), "no imported style sheets");
        assertFalse(html.contains("<script src"), "no external scripts");
    }

    @Test
    void everyRunGetsAReportWithEveryPlot() throws IOException {
        StoredRun run = run("3", "0.1");
        Path page = HtmlReport.reportFile(run);
        assertTrue(Files.exists(page), "the runner writes the report at the end of every run");
        assertTrue(Files.exists(run.artifacts().resolve(ReportData.ARTIFACT)));
        String html = Files.readString(page);
        assertSelfContained(html);

        Map<String, List<byte[]>> images = images(html);
        assertEquals(List.of("scorecard", "summary", "results", "training", "marginals", "associations", "fairness", "samples", "artifacts"),
                List.copyOf(images.keySet()));
        assertEquals(1, images.get("training").size(), "one loss curve (key 'loss', 5 steps)");
        assertEquals(3, images.get("marginals").size(), "x, sex, label");
        assertEquals(3, images.get("associations").size(), "real, synthetic, difference");
        assertEquals(2, images.get("fairness").size(), "sex: shares and outcome rates");
        BufferedImage marginal = ImageIO.read(new ByteArrayInputStream(images.get("marginals").get(0)));
        assertNotNull(marginal);
        assertEquals(Charts.WIDTH, marginal.getWidth());
        assertEquals(Charts.HEIGHT, marginal.getHeight());

        Matcher samples = SECTION.matcher(html);
        String samplesHtml = "";
        while (samples.find()) {
            if (samples.group(1).equals("samples")) {
                samplesHtml = samples.group(2);
            }
        }
        assertEquals(1 + HtmlReport.SAMPLE_ROWS, samplesHtml.split("<tr", -1).length - 1, "a header and 20 synthetic rows");
        assertTrue(html.contains("mean-gap.gap"), "results are listed");
        try (var files = Files.list(page.getParent())) {
            assertEquals(3 + 3 + 2 + 1, files.filter(p -> p.toString().endsWith(".png")).count(), "every plot is also a PNG file");
        }
    }

    @Test
    void rebuildingReplacesTheReportAndItsPictures() throws IOException {
        StoredRun run = run("4", "0.1");
        Files.writeString(run.artifacts().resolve("report/stale.png"), "old");
        Map<String, Path> written = HtmlReport.writeRun(run);
        assertEquals("report/report.html", written.keySet().iterator().next());
        assertFalse(Files.exists(run.artifacts().resolve("report/stale.png")));
        assertEquals(1 + 9, written.size());
        written.values().forEach(p -> assertTrue(Files.exists(p), p.toString()));
        assertTrue(Files.readString(written.get("report/report.html")).contains("FINISHED"));
    }

    @Test
    void aSetOfRunsGetsTheComparisonAndAChartPerMetric() throws IOException {
        List<StoredRun> runs = List.of(run("1", "0.1"), run("2", "0.1"), run("1", "0.5"));
        Path out = dir.resolve("sweep");
        Map<String, Path> written = HtmlReport.writeSweep(runs, out);
        assertEquals(out.resolve("report.html"), written.get("report.html"));
        assertTrue(Files.readString(written.get("comparison.csv")).startsWith("metric,family,goal,setting,"));
        assertTrue(Files.exists(written.get("comparison.json")));
        String html = Files.readString(out.resolve("report.html"));
        assertSelfContained(html);
        assertTrue(html.contains("model.noise=0.1") && html.contains("model.noise=0.5"), "settings are labelled by what varies");
        Map<String, List<byte[]>> images = images(html);
        Comparison comparison = Comparison.of(runs);
        assertEquals(comparison.mainScores().size(), images.get("metrics").size(), "a chart per score");
        assertTrue(images.get("metrics").size() >= 1);
        assertEquals(1, images.get("training").size(), "the loss of every run in one chart");
        for (StoredRun r : runs) {
            String link = out.relativize(HtmlReport.reportFile(r)).toString().replace('\\', '/');
            assertTrue(html.contains("href=\"" + link + "\""), "links to " + link);
        }
        assertTrue(html.contains(" ± "));
    }

    @Test
    void imageRunsShowDigitGridsAndTextRunsShowDocuments() throws IOException {
        List<Column> columns = new ArrayList<>();
        for (int p = 0; p < 16; p++) {
            columns.add(Column.numeric("p" + p));
        }
        Schema schema = Schema.of(columns).withImageShape(new ImageShape(4, 4, 1));
        List<Object> arrays = new ArrayList<>();
        for (int p = 0; p < 16; p++) {
            double[] v = new double[80];
            for (int r = 0; r < v.length; r++) {
                v[r] = (r * p) % 16;
            }
            arrays.add(v);
        }
        Table images = Table.of(schema, arrays);
        StoredRun imageRun = storedRun("digits", ReportData.of(images, images));
        String html = Files.readString(HtmlReport.writeRun(imageRun).get("report/report.html"));
        assertEquals(2, images(html).get("samples").size(), "synthetic and real grids");
        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(images(html).get("samples").get(0)));
        assertEquals(8 * (4 * 24 + 2) + 2, grid.getWidth(), "8 images a row, scaled to 96 pixels, 2-pixel gaps");
        assertFalse(images(html).containsKey("associations"));
        assertNoEvaluationSections(html);

        StoredRun textRun = storedRun("text", ReportData.of(Corpus.of(List.of("real <doc>")), Corpus.of(List.of("synthetic & doc"))));
        String text = Files.readString(HtmlReport.writeRun(textRun).get("report/report.html"));
        assertTrue(text.contains("<pre>synthetic &amp; doc</pre>"), "documents are shown, escaped");
        assertTrue(text.contains("real &lt;doc&gt;"));
        assertSelfContained(text);
        assertNoEvaluationSections(text);
    }

    private static final List<String> EVALUATION_SECTIONS = List.of("column-shapes", "privacy", "utility", "detection", "diversity");

    private static void assertNoEvaluationSections(String html) {
        for (String id : EVALUATION_SECTIONS) {
            assertFalse(html.contains("<section id=\"" + id + "\">"), "a run without " + id + " keys has no " + id + " section");
        }
    }

    /** What the bundled evaluation metrics record, with declarations as they would make them. */
    private static Map<String, Double> evaluationResults(double miaAuc) {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("fidelity.overall", 0.83);
        r.put("fidelity.ks-complement.age", 0.91);
        r.put("fidelity.ks-complement.hours_per_week", 0.72);
        r.put("fidelity.tv-complement.workclass", 0.88);
        r.put("fidelity.tv-complement.native_country", 0.95);
        r.put("privacy.exact_copy_rate", 0.001);
        r.put("privacy.exact_copy_rate.holdout", 0.002);
        r.put("privacy.gate.pass", 1.0);
        r.put("privacy.dcr.synthetic.p5", 0.21);
        r.put("privacy.dcr.synthetic.median", 0.80);
        r.put("privacy.dcr.holdout.p5", 0.25);
        r.put("privacy.dcr.holdout.median", 0.78);
        r.put("privacy.dcr.ratio.p5", 0.84);
        r.put("privacy.nndr.synthetic.p5", 0.41);
        r.put("privacy.nndr.synthetic.median", 0.86);
        r.put("privacy.nndr.holdout.p5", 0.44);
        r.put("privacy.nndr.holdout.median", 0.85);
        r.put("privacy.mia.auc", miaAuc);
        r.put("privacy.train_rows", 2000.0);
        for (String score : List.of("accuracy", "f1")) {
            r.put("utility.tstr." + score, 0.78);
            r.put("utility.trtr." + score, 0.84);
            r.put("utility.gap." + score, 0.06);
            for (String c : List.of("logistic-regression", "random-forest")) {
                r.put("utility.tstr." + c + "." + score, 0.77);
                r.put("utility.trtr." + c + "." + score, 0.85);
                r.put("utility.gap." + c + "." + score, 0.08);
            }
        }
        r.put("utility.real_rows", 2000.0);
        r.put("detection.auc", 0.71);
        r.put("detection.auc.logistic-regression", 0.64);
        r.put("detection.score.logistic-regression", 0.72);
        r.put("detection.auc.random-forest", 0.71);
        r.put("detection.score.random-forest", 0.58);
        r.put("detection.importance.age", 0.12);
        r.put("detection.importance.workclass", 0.31);
        r.put("detection.importance.hours_per_week", 0.02);
        r.put("detection.real_rows", 2000.0);
        for (String d : List.of("precision", "recall", "density", "coverage", "alpha_precision", "beta_recall", "authenticity")) {
            r.put("diversity." + d, d.equals("density") ? 1.2 : 0.7);
        }
        r.put("diversity.real_rows", 2000.0);
        r.put("diversity.synthetic_rows", 2000.0);
        return r;
    }

    private static Measures evaluationMeasures(Map<String, Double> results) {
        Map<String, Measure> m = new LinkedHashMap<>();
        results.keySet().forEach(k -> {
            Measure x;
            if (k.endsWith("_rows") || k.contains(".importance.") || k.matches("privacy\\.(dcr|nndr)\\.(synthetic|holdout)\\..*")
                    || k.equals("privacy.exact_copy_rate.holdout")) {
                x = Measure.information(k, "information");
            } else if (k.equals("privacy.mia.auc")) {
                x = Measure.target(k, 0.5, 0, 1, "membership-inference AUC").withThreshold(0.6, 0.7);
            } else if (k.startsWith("detection.auc")) {
                x = Measure.target(k, 0.5, 0, 1, "detection AUC").withThreshold(0.6, 0.75);
            } else if (k.equals("privacy.exact_copy_rate")) {
                x = Measure.minimise(k, 0, 1, "exact copies").withThreshold(0.01, 0.05);
            } else if (k.equals("privacy.gate.pass")) {
                x = Measure.maximise(k, 0, 1, "privacy gate").withThreshold(1, 1);
            } else if (k.startsWith("utility.gap.")) {
                x = Measure.minimise(k, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "TRTR − TSTR").withThreshold(0.05, 0.1);
            } else if (k.equals("diversity.density")) {
                x = Measure.target(k, 1, 0, Double.POSITIVE_INFINITY, "density");
            } else {
                x = Measure.maximise(k, 0, 1, "score");
            }
            m.put(k, x);
        });
        return Measures.of(m);
    }

    private StoredRun evaluatedRun(String name, Map<String, String> params, Map<String, Double> results, Measures measures) throws IOException {
        LocalRunStore store = new LocalRunStore(dir.resolve("evaluated"));
        RunInfo info = new RunInfo(LocalRunStore.newRunId(name, 0), name, "adult-eval", null, System.currentTimeMillis());
        RunWriter writer = store.create(info);
        writer.params(params);
        results.forEach((k, v) -> writer.result(k, v, System.currentTimeMillis()));
        writer.runField("headlines", Map.of("fidelity", "fidelity.overall", "privacy", "privacy.dcr.ratio.p5", "detection", "detection.auc"));
        writer.file(Measures.FILE, measures.json());
        writer.ended(RunStatus.FINISHED, null, System.currentTimeMillis());
        return store.find(info.id()).orElseThrow();
    }

    @Test
    void anEvaluatedRunGetsPrivacyUtilityDetectionDiversityAndColumnShapeSections() throws IOException {
        Map<String, Double> results = evaluationResults(0.9);
        StoredRun run = evaluatedRun("evaluated", Map.of("model.type", "copula", "dataset.type", "adult"), results, evaluationMeasures(results));
        Map<String, Path> written = HtmlReport.writeRun(run);
        String html = Files.readString(written.get("report/report.html"));
        assertSelfContained(html);
        Map<String, List<byte[]>> images = images(html);
        assertEquals(List.of("scorecard", "summary", "results", "column-shapes", "privacy", "utility", "detection", "diversity", "training",
                "data", "samples"), List.copyOf(images.keySet()));
        assertEquals(1, images.get("column-shapes").size(), "one bar per column in one chart");
        assertEquals(2, images.get("privacy").size(), "DCR and NNDR, synthetic vs holdout");
        assertEquals(2, images.get("utility").size(), "TRTR vs TSTR per score: accuracy, f1");
        assertEquals(2, images.get("detection").size(), "AUC per classifier and the column importances");
        assertEquals(1, images.get("diversity").size());
        for (String png : List.of("column-shapes", "privacy-dcr", "privacy-nndr", "utility-accuracy", "utility-f1", "detection-auc",
            "detection-importance", "diversity")) {
            assertTrue(written.containsKey("report/" + png + ".png"), png + ".png is written beside the page");
        }
        // a horizontal bar chart is 76 pixels plus 20 a bar (plus 20 for a legend): the 4 columns in two colours, the
        // 2 classifiers, the 3 columns, and the 7 diversity scores without the 2 row counts (information is never charted)
        assertEquals(76 + 20 * 4 + 20, height(images.get("column-shapes").get(0)));
        assertEquals(76 + 20 * 2, height(images.get("detection").get(0)));
        assertEquals(76 + 20 * 3, height(images.get("detection").get(1)));
        assertEquals(76 + 20 * 7, height(images.get("diversity").get(0)));

        String privacy = section(html, "privacy");
        assertTrue(privacy.contains("Privacy gate: passed"), privacy);
        assertTrue(privacy.contains("0.10% of synthetic rows, 0.20% of holdout rows"));
        assertTrue(row(privacy, "privacy.mia.auc").contains("→ 0.5") && row(privacy, "privacy.mia.auc").contains(">fail<"),
                "membership inference with its goal and the score-card verdict");
        assertTrue(row(privacy, "privacy.train_rows").contains(">info<"), "information is listed");
        assertTrue(row(section(html, "utility"), "random-forest").contains("0.0800"), "per-classifier gap");
        assertTrue(row(section(html, "detection"), "logistic-regression").contains(">warn<"), "0.64: outside 0.5 ± 0.1, inside 0.5 ± 0.25");
    }

    private static int height(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png)).getHeight();
    }

    private static String section(String html, String id) {
        Matcher s = SECTION.matcher(html);
        while (s.find()) {
            if (s.group(1).equals(id)) {
                return s.group(2);
            }
        }
        throw new AssertionError("no section " + id);
    }

    /** The first table row of the section that mentions {@code text}. */
    private static String row(String section, String text) {
        for (String r : section.split("<tr")) {
            if (r.contains(text)) {
                return r;
            }
        }
        throw new AssertionError("no row with " + text + " in " + section);
    }

    @Test
    void theSweepReportChartsScoresOnlyNeverInformation() throws IOException {
        List<StoredRun> runs = new ArrayList<>();
        for (String model : List.of("copula", "ctgan")) {
            for (String seed : List.of("1", "2")) {
                Map<String, Double> results = evaluationResults(model.equals("copula") ? 0.52 : 0.61);
                runs.add(evaluatedRun(model + seed, Map.of("model.type", model, "seed", seed), results, evaluationMeasures(results)));
            }
        }
        Path out = dir.resolve("sweep-evaluated");
        String html = Files.readString(HtmlReport.writeSweep(runs, out).get("report.html"));
        String metrics = section(html, "metrics");
        Comparison comparison = Comparison.of(runs);
        assertEquals(comparison.mainScores().size(), images(html).get("metrics").size());
        assertTrue(metrics.contains("alt=\"metric diversity.precision\""), "scores are charted");
        Matcher alt = Pattern.compile("alt=\"metric ([^\"]+)\"").matcher(metrics);
        while (alt.find()) {
            assertTrue(comparison.isScore(alt.group(1)), alt.group(1) + " is charted but is no declared score");
        }
        assertFalse(metrics.contains("_rows"), "row counts are information: in the tables, never a chart");
        assertFalse(metrics.contains("alt=\"metric privacy.exact_copy_rate.holdout\""));
        assertTrue(section(html, "comparison").contains("privacy.train_rows"), "information is in the comparison table");
    }

    private StoredRun storedRun(String name, ReportData data) throws IOException {
        LocalRunStore store = new LocalRunStore(dir.resolve("handmade"));
        RunInfo info = new RunInfo(LocalRunStore.newRunId(name, 0), name, name, null, System.currentTimeMillis());
        RunWriter writer = store.create(info);
        ReportData.write(data, writer.artifactsDirectory().resolve(ReportData.ARTIFACT));
        writer.ended(RunStatus.FINISHED, null, System.currentTimeMillis());
        return store.find(info.id()).orElseThrow();
    }
}
