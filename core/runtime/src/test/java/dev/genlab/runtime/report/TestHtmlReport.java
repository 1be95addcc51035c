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
        assertEquals(comparison.mainMetrics().size(), images.get("metrics").size(), "a chart per metric");
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

        StoredRun textRun = storedRun("text", ReportData.of(Corpus.of(List.of("real <doc>")), Corpus.of(List.of("synthetic & doc"))));
        String text = Files.readString(HtmlReport.writeRun(textRun).get("report/report.html"));
        assertTrue(text.contains("<pre>synthetic &amp; doc</pre>"), "documents are shown, escaped");
        assertTrue(text.contains("real &lt;doc&gt;"));
        assertSelfContained(text);
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
