package dev.genlab.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.config.ConfigErrors;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.tracking.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments through the real runtime: digits and image-csv with the test-only {@code pixel-marginals} model and the
 * image-quality metric.
 */
class TestEndToEnd {
    @TempDir
    Path directory;

    private RunOutcome run(String experiment) throws Exception {
        Path file = directory.resolve("experiment.conf");
        Files.writeString(file, experiment);
        Genlab genlab = new Genlab(dev.genlab.testkit.PluginHarness.registry());
        PreparedRun prepared = genlab.prepare(file, List.of(), RunListener.SILENT);
        return genlab.run(prepared, directory.resolve("runs"), List.of(), RunListener.SILENT, new AtomicBoolean());
    }

    @Test
    void digitsWithPixelMarginals() throws Exception {
        RunOutcome outcome = run("""
                name = digits-pixel-marginals
                seed = 42
                dataset { type = digits }
                split { test = 0.3 }
                model { type = pixel-marginals }
                sample { rows = 500 }
                metrics = [ { type = image-quality, classifier-epochs = 10 } ]
                """);
        assertEquals(RunStatus.FINISHED, outcome.status(), outcome.error());
        Map<String, Double> r = outcome.results();
        assertEquals("image-quality.frechet", outcome.headlines().get("image-quality"));
        double frechet = r.get("image-quality.frechet");
        assertTrue(r.get("image-quality.frechet-train") < frechet && frechet < r.get("image-quality.frechet-noise"),
                "between the train reference and noise: " + r);
        assertEquals(1, r.get("image-quality.class-coverage"), "every digit is drawn: " + r);
        assertEquals(500, r.get("image-quality.synthetic_rows"));
        assertTrue(ImageIO.read(outcome.directory().resolve("artifacts/image-quality/samples.png").toFile()).getWidth() > 0);
        assertEquals(r, run(Files.readString(directory.resolve("experiment.conf"))).results(), "same file, same numbers");
    }

    @Test
    void aBadPixelInAnImageCsvIsALocatedError() throws Exception {
        Files.writeString(directory.resolve("images.csv"), "a,b,c,d,label\n0,1,1,0,x\n1,0,oops,1,y\n");
        ConfigErrors e = assertThrows(ConfigErrors.class, () -> run("""
                dataset { type = image-csv, path = images.csv, height = 2, width = 2, label = label }
                model { type = pixel-marginals }
                metrics = [image-quality]
                """));
        assertEquals("images.csv:3: pixel column 'c': 'oops' is not a finite number", e.problems().get(0).toString());
    }
}
