package dev.genlab.plugin.image;

import dev.genlab.spi.Column;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pixels of an image table. The pixel columns are the first {@code shape.pixels()} numeric columns other than the
 * target, in schema order (the same definition as the runtime's report); an image is one row of them, row-major,
 * channels last.
 */
public final class ImagePixels {
    private ImagePixels() {
    }

    /** The image shape of {@code schema}; a clear error if the table is not image data. */
    public static ImageShape shape(Schema schema) {
        return schema.imageShape().orElseThrow(() -> new IllegalArgumentException(
                "not image data: the schema has no image shape; columns: " + schema.names()));
    }

    /** Indices of the pixel columns of an image table, in order. */
    public static int[] pixelColumns(Table table) {
        return pixelColumns(table.schema());
    }

    /** Indices of the pixel columns of an image schema, in order; throws if there are too few numeric columns. */
    public static int[] pixelColumns(Schema schema) {
        ImageShape shape = shape(schema);
        int wanted = shape.pixels();
        String target = schema.target().orElse(null);
        List<Integer> out = new ArrayList<>(wanted);
        for (int c = 0; c < schema.size() && out.size() < wanted; c++) {
            Column column = schema.column(c);
            if (column.isNumeric() && !column.name().equals(target)) {
                out.add(c);
            }
        }
        if (out.size() < wanted) {
            throw new IllegalArgumentException("image shape " + shape.height() + "x" + shape.width() + "x" + shape.channels()
                    + " needs " + wanted + " numeric pixel columns but the schema has " + out.size());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One array of {@code shape.pixels()} values per row (NaN where a pixel is missing). */
    public static double[][] images(Table table) {
        int[] columns = pixelColumns(table);
        double[][] images = new double[table.rowCount()][columns.length];
        for (int p = 0; p < columns.length; p++) {
            double[] values = table.numericColumn(columns[p]);
            for (int r = 0; r < values.length; r++) {
                images[r][p] = values[r];
            }
        }
        return images;
    }

    /**
     * A table of {@code schema} (an image schema whose columns are the pixel columns plus, optionally, a categorical
     * target) holding {@code images} and, if the schema has a target, the target {@code codes} (may be null when it
     * has none).
     */
    public static Table table(Schema schema, double[][] images, int[] codes) {
        Objects.requireNonNull(images, "images is null");
        int[] pixels = pixelColumns(schema);
        List<Object> arrays = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            arrays.add(null);
        }
        for (int p = 0; p < pixels.length; p++) {
            double[] column = new double[images.length];
            for (int r = 0; r < images.length; r++) {
                if (images[r].length != pixels.length) {
                    throw new IllegalArgumentException("image " + r + " has " + images[r].length + " values, the shape needs " + pixels.length);
                }
                column[r] = images[r][p];
            }
            arrays.set(pixels[p], column);
        }
        for (int c = 0; c < schema.size(); c++) {
            if (arrays.get(c) != null) {
                continue;
            }
            Column column = schema.column(c);
            if (column.isCategorical() && column.name().equals(schema.target().orElse(null)) && codes != null) {
                if (codes.length != images.length) {
                    throw new IllegalArgumentException(codes.length + " target codes for " + images.length + " images");
                }
                arrays.set(c, codes.clone());
            } else {
                throw new IllegalArgumentException("column '" + column.name() + "' is neither a pixel column nor a target with codes given");
            }
        }
        return Table.of(schema, arrays);
    }
}
