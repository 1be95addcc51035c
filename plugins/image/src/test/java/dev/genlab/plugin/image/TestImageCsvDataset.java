package dev.genlab.plugin.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.DataException;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image-csv: reading, labels, and every user mistake as a located DataException or config error. */
class TestImageCsvDataset {
    @TempDir
    Path directory;

    private Table load(String csv, int height, int width, int channels, String label) throws Exception {
        Files.writeString(directory.resolve("images.csv"), csv);
        ImageCsvConfig config = new ImageCsvConfig("images.csv", height, width, channels, Optional.ofNullable(label));
        return new ImageCsvDataset(config).load(TestContexts.dataset(directory)).data().asTable();
    }

    private DataException failure(String csv, String label) {
        return assertThrows(DataException.class, () -> load(csv, 2, 2, 1, label));
    }

    @Test
    void readsPixelsAndALabelAnywhereInTheLine() throws Exception {
        Table t = load("kind,a,b,c,d\ncat,0,0.5,1,1\n\ndog,1,1,0,0\ncat,0,0,0,0\n", 2, 2, 1, "kind");
        assertEquals(3, t.rowCount());
        assertEquals(new ImageShape(2, 2, 1), t.schema().imageShape().orElseThrow());
        assertEquals("kind", t.schema().target().orElseThrow());
        assertEquals(List.of("cat", "dog"), t.schema().column("kind").levels());
        assertArrayEquals(new int[] {0, 1, 0}, t.codes("kind"));
        assertArrayEquals(new double[][] {{0, 0.5, 1, 1}, {1, 1, 0, 0}, {0, 0, 0, 0}}, ImagePixels.images(t));
        assertEquals(false, t.schema().column("b").integral(), "b holds 0.5");
        assertEquals(true, t.schema().column("a").integral());
    }

    @Test
    void numericLabelsAreOrderedAsNumbers() throws Exception {
        Table t = load("p0,label\n1,10\n2,9\n3,2\n", 1, 1, 1, "label");
        assertEquals(List.of("2", "9", "10"), t.schema().column("label").levels());
    }

    @Test
    void rgbWithoutLabels() throws Exception {
        Table t = load("r,g,b\n255,0,0\n0,0,255\n", 1, 1, 3, null);
        assertTrue(t.schema().target().isEmpty());
        assertEquals(new ImageShape(1, 1, 3), t.schema().imageShape().orElseThrow());
    }

    @Test
    void headerPixelCountMismatch() {
        DataException e = failure("a,b,c\n1,2,3\n", null);
        assertEquals(1, e.line());
        assertEquals("images.csv", e.source());
        assertEquals("the header has 3 pixel columns but height x width x channels = 2 x 2 x 1 = 4", e.getMessage());
    }

    @Test
    void headerHintsAtAnUndeclaredLabelColumn() {
        DataException e = failure("a,b,c,d,label\n1,2,3,4,x\n", null);
        assertEquals("the header has 5 pixel columns but height x width x channels = 2 x 2 x 1 = 4"
                + " (a column is called 'label': set label = label if it holds the labels)", e.getMessage());
    }

    @Test
    void rowPixelCountMismatchNamesTheLine() {
        DataException e = failure("a,b,c,d,y\n1,2,3,4,x\n1,2,3,x\n", "y");
        assertEquals(3, e.line());
        assertEquals("expected 5 values (4 pixels and a label) but found 4", e.getMessage());
        assertTrue(e.located().matches(".*images\\.csv:3: expected 5 values.*"), e.located());
    }

    @Test
    void nonNumericPixelNamesLineAndColumn() {
        DataException e = failure("a,b,c,d\n1,2,3,4\n1,two,3,4\n", null);
        assertEquals(3, e.line());
        assertEquals("pixel column 'b': 'two' is not a finite number", e.getMessage());
    }

    @Test
    void missingLabelColumnEmptyFileAndMissingFile() throws Exception {
        assertEquals("no label column 'y' in the header", failure("a,b,c,d\n1,2,3,4\n", "y").getMessage());
        assertEquals("the file is empty; expected a header line naming the columns", failure("", null).getMessage());
        assertEquals("no images: the file has a header but no data lines", failure("a,b,c,d\n", null).getMessage());
        ImageCsvConfig config = new ImageCsvConfig("nope.csv", 2, 2, 1, Optional.empty());
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> new ImageCsvDataset(config).load(TestContexts.dataset(directory)));
        assertTrue(e.getMessage().startsWith("no such file 'nope.csv' (looked for "), e.getMessage());
        assertEquals("path", e.key());
    }
}
