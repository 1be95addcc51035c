package dev.genlab.runtime.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG text chunks, the image grid a sample of an image model becomes, and the outputs manifest. */
class TestOutputs {
    @TempDir
    Path dir;

    @Test
    void pngTextChunksAreReadBackAndTheImageStillDecodes() throws Exception {
        Table images = images(12);
        byte[] plain = ImageGridPng.png(images);
        assertArrayEquals(plain, ImageGridPng.png(images), "the same table, the same bytes");
        Map<String, String> text = new LinkedHashMap<>();
        text.put("genlab.run_id", "20261206-040000-digits-abc123");
        text.put("genlab.config_sha256", "0".repeat(64));
        byte[] stamped = PngText.withText(plain, text);
        assertEquals(text, PngText.read(stamped));
        assertEquals(Map.of(), PngText.read(plain));
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(plain));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(stamped));
        assertNotNull(b, "still a PNG ImageIO reads");
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getRGB(5, 5), b.getRGB(5, 5));
        // 10 images a row, 8x8 drawn 4x with 2-pixel gaps: 2 rows for 12 images
        assertEquals(2 + 10 * (32 + 2), a.getWidth());
        assertEquals(2 + 2 * (32 + 2), a.getHeight());
        byte[] notPng = "hello".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(notPng, PngText.withText(notPng, text), "anything else is left alone");
    }

    @Test
    void theManifestListsEveryFileWithItsDigestAndTags() throws Exception {
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("synthetic.csv"), "a\n1\n");
        Files.writeString(dir.resolve("model/m.bin"), "weights");
        OutputManifest m = OutputManifest.ofDirectory(dir);
        assertEquals(List.of("model/m.bin", "synthetic.csv"), m.outputs().stream().map(OutputManifest.Output::path).toList());
        // sha256("a\n1\n") by the JDK's own digest of the same bytes
        String sha = FileDigest.sha256("a\n1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(sha, m.find(sha).orElseThrow().sha256());
        assertEquals("synthetic.csv", m.tags().get(OutputManifest.TAG_PREFIX + sha));
        Files.write(dir.resolve(OutputManifest.FILE), m.json());
        assertEquals(m, OutputManifest.read(dir));
        assertTrue(m.find("0".repeat(64)).isEmpty());
    }

    private static Table images(int n) {
        ImageShape shape = new ImageShape(8, 8, 1);
        List<Column> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int p = 0; p < shape.pixels(); p++) {
            columns.add(Column.numeric("p" + p));
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = ((p + i) % 17) / 16.0;
            }
            values.add(v);
        }
        return Table.of(Schema.of(columns).withImageShape(shape), values);
    }
}
