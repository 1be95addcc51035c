package dev.genlab.plugin.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Modality;
import dev.genlab.spi.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled digits: shape, columns, and the class counts scikit-learn's load_digits reports. */
class TestDigitsDataset {
    @Test
    void schemaAndCounts() {
        Table digits = DigitsFixture.ALL;
        assertEquals(1797, digits.rowCount());
        assertEquals(65, digits.columnCount());
        assertEquals(Modality.IMAGE, digits.modality());
        assertEquals(new ImageShape(8, 8, 1), digits.schema().imageShape().orElseThrow());
        assertEquals("label", digits.schema().target().orElseThrow());
        Column label = digits.schema().column("label");
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), label.levels());
        for (int p = 0; p < 64; p++) {
            Column c = digits.schema().column(p);
            assertEquals("p" + p, c.name());
            assertTrue(c.isNumeric() && c.integral(), c.name() + " is a whole number");
        }
        int[] counts = new int[10];
        for (int code : digits.codes("label")) {
            counts[code]++;
        }
        // numpy.bincount(sklearn.datasets.load_digits().target)
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] image : ImagePixels.images(digits)) {
            for (double v : image) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(0, min);
        assertEquals(16, max);
        assertEquals("0", label.levels().get(digits.code(64, 0)), "the first image is a 0");
    }
}
