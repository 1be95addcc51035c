package dev.genlab.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.ImageShape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG grid read back with ImageIO: size, layout, value mapping, grey and RGB. */
class TestImageGrids {
    @TempDir
    Path directory;

    @Test
    void greyDigitsAreUpscaledFourTimesWithGaps() throws Exception {
        double[] black = new double[64];
        double[] white = new double[64];
        java.util.Arrays.fill(white, 16);
        double[] half = new double[64];
        java.util.Arrays.fill(half, 8);
        half[0] = 16; // top-left pixel white
        Path file = directory.resolve("sub/grid.png");
        ImageGrids.writePng(List.of(black, white, half), new ImageShape(8, 8, 1), 0, 16, 2, file);

        BufferedImage png = ImageIO.read(file.toFile());
        int gap = ImageGrids.GAP;
        int cell = 8 * 4;
        assertEquals(gap + 2 * (cell + gap), png.getWidth(), "two columns of 32-pixel images");
        assertEquals(gap + 2 * (cell + gap), png.getHeight(), "three images in two rows");
        assertEquals(0x000000, rgb(png, gap, gap), "min is black");
        assertEquals(0xffffff, rgb(png, gap + cell + gap + 31, gap + 31), "max is white");
        int third = gap + cell + gap;
        assertEquals(0xffffff, rgb(png, gap + 3, third + 3), "a pixel is a 4x4 block");
        assertEquals(0x808080, rgb(png, gap + 4, third + 4), "8 of 0..16 is mid grey");
        assertEquals(0x808080, rgb(png, 0, 0), "gaps are grey");
        assertEquals(0x808080, rgb(png, gap + cell + gap + 5, third + 5), "the empty cell stays grey");
    }

    @Test
    void rgbChannelsAndClipping() {
        double[] image = {1, 0, 0, 0, 1, 0, 0, 0, 2, -1, 0.5, Double.NaN};
        BufferedImage png = ImageGrids.render(List.of(image), new ImageShape(2, 2, 3), 0, 1, 8);
        int s = ImageGrids.scale(new ImageShape(2, 2, 3));
        int g = ImageGrids.GAP;
        assertEquals(0xff0000, rgb(png, g, g));
        assertEquals(0x00ff00, rgb(png, g + s, g));
        assertEquals(0x0000ff, rgb(png, g, g + s), "2 is clipped to the maximum");
        assertEquals(0x008000, rgb(png, g + s, g + s), "-1 clipped to 0, 0.5 mid, NaN black");
    }

    @Test
    void pngBytesDecode() throws Exception {
        byte[] bytes = ImageGrids.png(List.of(new double[784]), new ImageShape(28, 28, 1), 0, 1, 8);
        BufferedImage png = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        assertEquals(2 * ImageGrids.GAP + 28 * 2, png.getWidth(), "28x28 images are drawn twice their size");
    }

    @Test
    void wrongImageLengthIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageGrids.render(List.of(new double[10]), new ImageShape(8, 8, 1), 0, 16, 8));
        assertEquals("image 0 has 10 values, shape 8x8x1 needs 64", e.getMessage());
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xffffff;
    }
}
