package dev.genlab.runtime.output;

import dev.genlab.spi.Column;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Table;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Sampled images as one PNG grid (what {@code genlab sample} writes for an image model): the pixel columns are the
 * first {@code shape.pixels()} numeric columns other than the target, channel-last; values are mapped linearly
 * from the sample's own range to black..white; 10 images a row, each pixel drawn as a square about 32 screen
 * pixels per image side, 2-pixel grey gaps. Deterministic: the same table gives the same bytes.
 */
public final class ImageGridPng {
    static final int COLUMNS = 10;
    static final int GAP = 2;

    private ImageGridPng() {
    }

    public static byte[] png(Table table) {
        ImageShape shape = table.schema().imageShape().orElseThrow(() -> new IllegalArgumentException("not an image table"));
        List<Integer> pixels = new ArrayList<>();
        for (int c = 0; c < table.columnCount() && pixels.size() < shape.pixels(); c++) {
            Column col = table.schema().column(c);
            if (col.isNumeric() && !table.schema().target().map(col.name()::equals).orElse(false)) {
                pixels.add(c);
            }
        }
        if (pixels.size() < shape.pixels()) {
            throw new IllegalArgumentException("the image table has " + pixels.size() + " pixel columns, its shape needs " + shape.pixels());
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c : pixels) {
            for (double v : table.numericColumn(c)) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(max > min)) {
            max = min + 1;
        }
        int n = table.rowCount();
        int scale = Math.max(1, Math.min(4, (32 + Math.max(shape.height(), shape.width()) - 1) / Math.max(shape.height(), shape.width())));
        int cols = Math.max(1, Math.min(COLUMNS, n));
        int rows = Math.max(1, (n + cols - 1) / cols);
        int cellW = shape.width() * scale;
        int cellH = shape.height() * scale;
        BufferedImage grid = new BufferedImage(GAP + cols * (cellW + GAP), GAP + rows * (cellH + GAP), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < grid.getHeight(); y++) {
            for (int x = 0; x < grid.getWidth(); x++) {
                grid.setRGB(x, y, 0x808080);
            }
        }
        boolean rgb = shape.channels() == 3;
        for (int i = 0; i < n; i++) {
            int left = GAP + (i % cols) * (cellW + GAP);
            int top = GAP + (i / cols) * (cellH + GAP);
            for (int py = 0; py < shape.height(); py++) {
                for (int px = 0; px < shape.width(); px++) {
                    int base = (py * shape.width() + px) * shape.channels();
                    int color;
                    if (rgb) {
                        color = level(table, pixels.get(base), i, min, max) << 16 | level(table, pixels.get(base + 1), i, min, max) << 8
                                | level(table, pixels.get(base + 2), i, min, max);
                    } else {
                        int g = level(table, pixels.get(base), i, min, max);
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(grid, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int level(Table table, int column, int row, double min, double max) {
        double v = table.numeric(column, row);
        if (Double.isNaN(v)) {
            return 0;
        }
        return (int) Math.round(255 * Math.max(0, Math.min(1, (v - min) / (max - min))));
    }
}
