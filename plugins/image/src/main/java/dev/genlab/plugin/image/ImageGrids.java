package dev.genlab.plugin.image;

import dev.genlab.spi.ImageShape;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes images as one PNG grid. Each pixel is drawn as a square of {@link #scale(ImageShape)} screen pixels
 * (nearest neighbour, so 8x8 digits are visible), with a {@value #GAP}-pixel mid-grey gap between images. Values are
 * mapped linearly, {@code min} to black and {@code max} to white, and clipped; NaN is drawn black. One channel is
 * grey, three are RGB; other channel counts draw the first channel in grey.
 */
public final class ImageGrids {
    /** Pixels between two images and around the grid. */
    static final int GAP = 2;
    private static final int GAP_RGB = 0x808080;

    private ImageGrids() {
    }

    /** Writes the grid to {@code file} (parent directories are created). */
    public static void writePng(List<double[]> images, ImageShape shape, double min, double max, int columns, Path file) throws IOException {
        Objects.requireNonNull(file, "file is null");
        byte[] png = png(images, shape, min, max, columns);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, png);
    }

    /** The grid as PNG bytes (for an {@link dev.genlab.spi.ArtifactSink}). */
    public static byte[] png(List<double[]> images, ImageShape shape, double min, double max, int columns) {
        BufferedImage grid = render(images, shape, min, max, columns);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(grid, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The grid as an image: {@code columns} images per row, as many rows as needed (at least one). */
    public static BufferedImage render(List<double[]> images, ImageShape shape, double min, double max, int columns) {
        Objects.requireNonNull(images, "images is null");
        Objects.requireNonNull(shape, "shape is null");
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("max must be greater than min, got min " + min + ", max " + max);
        }
        int scale = scale(shape);
        int cols = Math.max(1, Math.min(columns, images.size()));
        int rows = Math.max(1, (images.size() + cols - 1) / cols);
        int cellW = shape.width() * scale;
        int cellH = shape.height() * scale;
        int width = GAP + cols * (cellW + GAP);
        int height = GAP + rows * (cellH + GAP);
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                grid.setRGB(x, y, GAP_RGB);
            }
        }
        boolean rgb = shape.channels() == 3;
        for (int i = 0; i < images.size(); i++) {
            double[] image = images.get(i);
            if (image.length != shape.pixels()) {
                throw new IllegalArgumentException("image " + i + " has " + image.length + " values, shape "
                        + shape.height() + "x" + shape.width() + "x" + shape.channels() + " needs " + shape.pixels());
            }
            int left = GAP + (i % cols) * (cellW + GAP);
            int top = GAP + (i / cols) * (cellH + GAP);
            for (int py = 0; py < shape.height(); py++) {
                for (int px = 0; px < shape.width(); px++) {
                    int base = (py * shape.width() + px) * shape.channels();
                    int color;
                    if (rgb) {
                        color = level(image[base], min, max) << 16 | level(image[base + 1], min, max) << 8 | level(image[base + 2], min, max);
                    } else {
                        int g = level(image[base], min, max);
                        color = g << 16 | g << 8 | g;
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            grid.setRGB(left + px * scale + dx, top + py * scale + dy, color);
                        }
                    }
                }
            }
        }
        return grid;
    }

    /** Screen pixels per image pixel: images are drawn about 32 pixels or more on their longer side, at most 4x. */
    static int scale(ImageShape shape) {
        int longer = Math.max(shape.height(), shape.width());
        return Math.max(1, Math.min(4, (32 + longer - 1) / longer));
    }

    /** 0..255 for {@code value} in [min, max], clipped; NaN is 0. */
    static int level(double value, double min, double max) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double t = (value - min) / (max - min);
        return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
    }
}
