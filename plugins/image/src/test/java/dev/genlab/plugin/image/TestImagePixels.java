package dev.genlab.plugin.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnType;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pixel columns are the first shape.pixels() numeric columns other than the target, as in the runtime's report. */
class TestImagePixels {
    private static final Schema SCHEMA = Schema.of(
            new Column("label", ColumnType.CATEGORICAL, List.of("a", "b"), false),
            new Column("score", ColumnType.NUMERIC, List.of(), false),
            new Column("q0", ColumnType.NUMERIC, List.of(), false),
            new Column("q1", ColumnType.NUMERIC, List.of(), false),
            new Column("q2", ColumnType.NUMERIC, List.of(), false),
            new Column("q3", ColumnType.NUMERIC, List.of(), false))
            .withImageShape(new ImageShape(2, 1, 1)).withTarget("label");

    @Test
    void pixelColumnsSkipTheTargetAndStopAtThePixelCount() {
        Table table = Table.of(SCHEMA, List.of(new int[] {0, 1}, new double[] {1, 2}, new double[] {3, 4},
                new double[] {5, 6}, new double[] {7, 8}, new double[] {9, 10}));
        assertArrayEquals(new int[] {1, 2}, ImagePixels.pixelColumns(table));
        assertArrayEquals(new double[][] {{1, 3}, {2, 4}}, ImagePixels.images(table));
    }

    @Test
    void digitsHave64PixelColumnsBeforeTheLabel() {
        Table digits = DigitsFixture.ALL;
        int[] pixels = ImagePixels.pixelColumns(digits);
        assertEquals(64, pixels.length);
        assertEquals("p63", digits.schema().column(pixels[63]).name());
        double[][] images = ImagePixels.images(digits);
        assertEquals(1797, images.length);
        assertEquals(13, images[0][3], "first image, p3");
    }

    @Test
    void tableRoundTripsImagesAndCodes() {
        Schema schema = DigitsFixture.ALL.schema();
        Table head = DigitsFixture.ALL.head(5);
        Table rebuilt = ImagePixels.table(schema, ImagePixels.images(head), head.codes("label"));
        assertEquals(head, rebuilt);
    }

    @Test
    void notImageDataIsAClearError() {
        Table plain = Table.of(Schema.of(new Column("x", ColumnType.NUMERIC, List.of(), false)), List.of(new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagePixels.images(plain));
        assertEquals("not image data: the schema has no image shape; columns: [x]", e.getMessage());
    }

    @Test
    void tooFewNumericColumnsIsAClearError() {
        Schema schema = Schema.of(new Column("x", ColumnType.NUMERIC, List.of(), false)).withImageShape(new ImageShape(2, 2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagePixels.pixelColumns(schema));
        assertEquals("image shape 2x2x1 needs 4 numeric pixel columns but the schema has 1", e.getMessage());
    }
}
