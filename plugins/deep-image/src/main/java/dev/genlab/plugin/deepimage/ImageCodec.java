package dev.genlab.plugin.deepimage;

import dev.genlab.plugin.image.ImagePixels;
import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnType;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataException;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How an image table maps to network input and back: the pixel columns (as {@link ImagePixels} defines them),
 * scaled from the training data's pixel range to [-1, 1] in (channels, height, width) order, and the class label
 * (the schema's categorical target) when the model is conditional. Decoding clamps to the real range, rounds
 * integral columns and fills every other column with missing values, so a sample has the training schema.
 */
final class ImageCodec {
    static final String SOURCE = "training data";

    final Schema schema;
    final ImageShape shape;
    final int[] pixelColumns;
    final double min;
    final double max;
    /** Index of the conditioning column, -1 for an unconditional model. */
    final int labelColumn;
    /** Share of each label level in the training data (empty when unconditional). */
    final double[] labelShares;

    private ImageCodec(Schema schema, int[] pixelColumns, double min, double max, int labelColumn, double[] labelShares) {
        this.schema = schema;
        this.shape = schema.imageShape().orElseThrow();
        this.pixelColumns = pixelColumns;
        this.min = min;
        this.max = max;
        this.labelColumn = labelColumn;
        this.labelShares = labelShares;
    }

    /**
     * Checks that {@code data} is a non-empty image table with complete pixels; conditional on the target when
     * {@code conditional} and the schema has a categorical target.
     */
    /** Whether a conditional model conditions on this schema's target: a categorical one. */
    static boolean labelled(Schema schema) {
        return schema.target().isPresent() && schema.column(schema.target().get()).isCategorical();
    }

    static ImageCodec fit(Data data, String model, boolean conditional) {
        if (!(data instanceof Table table)) {
            throw new DataException(SOURCE, model + " needs an image table, got " + data.modality().label() + " data");
        }
        Schema schema = table.schema();
        if (schema.imageShape().isEmpty()) {
            throw new DataException(SOURCE, model + " needs image data, but this table's schema has no image shape (columns: "
                    + abbreviated(schema.names()) + "); use an image dataset such as 'digits'");
        }
        int[] pixels;
        try {
            pixels = ImagePixels.pixelColumns(table);
        } catch (IllegalArgumentException e) {
            throw new DataException(SOURCE, e.getMessage());
        }
        if (table.rowCount() == 0) {
            throw new DataException(SOURCE, "cannot fit " + model + " to an image table without rows");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int p : pixels) {
            double[] values = table.numericColumn(p);
            for (int r = 0; r < values.length; r++) {
                double v = values[r];
                if (!Double.isFinite(v)) {
                    throw new DataException(SOURCE, "pixel column '" + schema.column(p).name() + "' has "
                            + (Double.isNaN(v) ? "a missing value" : "the value " + v) + " in row " + (r + 1) + "; image models need complete, finite pixels");
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        int label = -1;
        double[] shares = new double[0];
        if (conditional && labelled(schema)) {
            label = schema.requireIndex(schema.target().get());
            int[] codes = table.codes(label);
            shares = new double[schema.column(label).levels().size()];
            int known = 0;
            for (int c : codes) {
                if (c != Table.MISSING_CODE) {
                    shares[c]++;
                    known++;
                }
            }
            if (known == 0) {
                throw new DataException(SOURCE, "every value of the target column '" + schema.column(label).name()
                        + "' is missing; set conditional = false to train without labels");
            }
            for (int i = 0; i < shares.length; i++) {
                shares[i] /= known;
            }
        }
        return new ImageCodec(schema, pixels, lo, hi, label, shares);
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names) : String.join(", ", names.subList(0, 8)) + ", … (" + names.size() + " columns)";
    }

    boolean conditional() {
        return labelColumn >= 0;
    }

    /** Number of label levels the networks see (0 when unconditional). */
    int classes() {
        return labelShares.length;
    }

    int channels() {
        return shape.channels();
    }

    int pixels() {
        return shape.pixels();
    }

    private double range() {
        return max > min ? max - min : 1;
    }

    /** The table's images, scaled to [-1, 1], (row, channel, y, x) order. */
    float[] encode(Table table) {
        int n = table.rowCount();
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        float[] out = new float[n * pixels()];
        for (int p = 0; p < pixelColumns.length; p++) {
            double[] values = table.numericColumn(pixelColumns[p]);
            // pixel column p is (y, x, channel) row-major, channels last
            int channel = p % c;
            int yx = p / c;
            int offset = channel * h * w + yx;
            for (int r = 0; r < n; r++) {
                out[r * pixels() + offset] = (float) ((values[r] - min) / range() * 2 - 1);
            }
        }
        return out;
    }

    /** The label codes of the table's rows ({@link Table#MISSING_CODE} where missing); null when unconditional. */
    int[] labels(Table table) {
        return conditional() ? table.codes(labelColumn) : null;
    }

    /** Labels for {@code n} samples drawn from the training shares; null when unconditional. */
    int[] drawLabels(int n, SplittableRandom random) {
        if (!conditional()) {
            return null;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = 0;
            double cumulative = labelShares[0];
            while (u >= cumulative && k < labelShares.length - 1) {
                cumulative += labelShares[++k];
            }
            out[i] = k;
        }
        return out;
    }

    /** {@code n} copies of the label a condition asks for; clear errors for anything else. */
    int[] conditionLabels(int n, Map<String, String> conditions, String model) {
        if (!conditional()) {
            throw new IllegalArgumentException(model + " was trained without labels (conditional = false, or the data has no "
                    + "categorical target), so it cannot sample under conditions " + conditions);
        }
        Column label = schema.column(labelColumn);
        for (String column : conditions.keySet()) {
            if (!column.equals(label.name())) {
                throw new IllegalArgumentException(model + " can only condition on its label column '" + label.name()
                        + "', not on '" + column + "'");
            }
        }
        String level = conditions.get(label.name());
        int code = label.codeOf(level);
        if (code < 0) {
            throw new IllegalArgumentException("'" + level + "' is not a level of column '" + label.name() + "'; levels: " + label.levels());
        }
        int[] out = new int[n];
        java.util.Arrays.fill(out, code);
        return out;
    }

    /** A table of the training schema from {@code n} generated images in [-1, 1] (row, channel, y, x) order. */
    Table decode(float[] generated, int n, int[] labels) {
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        List<Object> arrays = new ArrayList<>(schema.size());
        for (int col = 0; col < schema.size(); col++) {
            Column column = schema.column(col);
            if (column.isNumeric()) {
                double[] missing = new double[n];
                java.util.Arrays.fill(missing, Double.NaN);
                arrays.add(missing);
            } else {
                int[] missing = new int[n];
                java.util.Arrays.fill(missing, Table.MISSING_CODE);
                arrays.add(missing);
            }
        }
        for (int p = 0; p < pixelColumns.length; p++) {
            boolean integral = schema.column(pixelColumns[p]).integral();
            int offset = (p % c) * h * w + p / c;
            double[] values = (double[]) arrays.get(pixelColumns[p]);
            for (int r = 0; r < n; r++) {
                double scaled = Math.max(-1, Math.min(1, generated[r * pixels() + offset]));
                double v = max > min ? min + (scaled + 1) / 2 * (max - min) : min;
                values[r] = integral ? Math.rint(v) : v;
            }
        }
        if (labels != null) {
            arrays.set(labelColumn, labels.clone());
        }
        return Table.of(schema, arrays);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(schema.size());
        for (Column column : schema.columns()) {
            out.writeUTF(column.name());
            out.writeUTF(column.type().name());
            out.writeBoolean(column.integral());
            out.writeInt(column.levels().size());
            for (String level : column.levels()) {
                out.writeUTF(level);
            }
        }
        out.writeUTF(schema.target().orElse(""));
        out.writeInt(schema.sensitive().size());
        for (String s : schema.sensitive()) {
            out.writeUTF(s);
        }
        out.writeInt(shape.height());
        out.writeInt(shape.width());
        out.writeInt(shape.channels());
        out.writeInt(pixelColumns.length);
        for (int p : pixelColumns) {
            out.writeInt(p);
        }
        out.writeDouble(min);
        out.writeDouble(max);
        out.writeInt(labelColumn);
        out.writeInt(labelShares.length);
        for (double s : labelShares) {
            out.writeDouble(s);
        }
    }

    static ImageCodec read(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 1 || size > 1 << 20) {
            throw new IOException("corrupt image codec: " + size + " columns");
        }
        List<Column> columns = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String name = in.readUTF();
            ColumnType type = ColumnType.valueOf(in.readUTF());
            boolean integral = in.readBoolean();
            int levels = in.readInt();
            List<String> names = new ArrayList<>(levels);
            for (int j = 0; j < levels; j++) {
                names.add(in.readUTF());
            }
            columns.add(new Column(name, type, names, integral));
        }
        String target = in.readUTF();
        int sensitiveCount = in.readInt();
        List<String> sensitive = new ArrayList<>(sensitiveCount);
        for (int i = 0; i < sensitiveCount; i++) {
            sensitive.add(in.readUTF());
        }
        ImageShape shape = new ImageShape(in.readInt(), in.readInt(), in.readInt());
        Schema schema = Schema.of(columns).withTarget(target.isEmpty() ? null : target).withSensitive(sensitive).withImageShape(shape);
        int[] pixels = new int[in.readInt()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = in.readInt();
        }
        double min = in.readDouble();
        double max = in.readDouble();
        int label = in.readInt();
        double[] shares = new double[in.readInt()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = in.readDouble();
        }
        return new ImageCodec(schema, pixels, min, max, label, shares);
    }

    /** Fingerprint of what the networks' shapes depend on. */
    String describe() {
        return shape.height() + "x" + shape.width() + "x" + shape.channels() + " classes " + classes();
    }
}
