package dev.genlab.spi;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Schema} (columns, types, levels, roles, image shape) or a whole {@link Table} into a model's saved
 * files and reads it back, for {@link FittedModel#save} and {@link GenerativeModel#load}:
 * <pre>{@code
 * try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(directory.resolve("model.bin")))) {
 *     SchemaCodec.write(schema, out);
 *     ... the model's own numbers ...
 * }
 * }</pre>
 * A corrupt or truncated file is an {@link IOException} saying what was implausible.
 */
public final class SchemaCodec {
    private static final int MAX_COUNT = 50_000_000;

    private SchemaCodec() {
    }

    public static void write(Schema schema, DataOutput out) throws IOException {
        out.writeInt(schema.size());
        for (Column c : schema.columns()) {
            out.writeUTF(c.name());
            out.writeUTF(c.type().name());
            out.writeBoolean(c.integral());
            out.writeInt(c.levels().size());
            for (String level : c.levels()) {
                out.writeUTF(level);
            }
        }
        out.writeBoolean(schema.target().isPresent());
        if (schema.target().isPresent()) {
            out.writeUTF(schema.target().get());
        }
        out.writeInt(schema.sensitive().size());
        for (String s : schema.sensitive()) {
            out.writeUTF(s);
        }
        out.writeBoolean(schema.imageShape().isPresent());
        if (schema.imageShape().isPresent()) {
            ImageShape shape = schema.imageShape().get();
            out.writeInt(shape.height());
            out.writeInt(shape.width());
            out.writeInt(shape.channels());
        }
    }

    public static Schema read(DataInput in) throws IOException {
        int size = count(in, "columns");
        List<Column> columns = new ArrayList<>(Math.min(size, 1024));
        for (int c = 0; c < size; c++) {
            String name = in.readUTF();
            String typeName = in.readUTF();
            ColumnType type;
            try {
                type = ColumnType.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt schema: column '" + name + "' has type '" + typeName + "'");
            }
            boolean integral = in.readBoolean();
            int levelCount = count(in, "levels of column '" + name + "'");
            List<String> levels = new ArrayList<>(Math.min(levelCount, 1024));
            for (int l = 0; l < levelCount; l++) {
                levels.add(in.readUTF());
            }
            try {
                columns.add(new Column(name, type, levels, integral));
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt schema: " + e.getMessage());
            }
        }
        try {
            Schema schema = Schema.of(columns);
            if (in.readBoolean()) {
                schema = schema.withTarget(in.readUTF());
            }
            int sensitiveCount = count(in, "sensitive columns");
            List<String> sensitive = new ArrayList<>();
            for (int s = 0; s < sensitiveCount; s++) {
                sensitive.add(in.readUTF());
            }
            schema = schema.withSensitive(sensitive);
            if (in.readBoolean()) {
                schema = schema.withImageShape(new ImageShape(in.readInt(), in.readInt(), in.readInt()));
            }
            return schema;
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt schema: " + e.getMessage());
        }
    }

    /** The table's schema, then its rows column by column (numbers as doubles, categories as codes). */
    public static void writeTable(Table table, DataOutput out) throws IOException {
        write(table.schema(), out);
        out.writeInt(table.rowCount());
        for (int c = 0; c < table.columnCount(); c++) {
            if (table.schema().column(c).isNumeric()) {
                for (double v : table.numericColumn(c)) {
                    out.writeDouble(v);
                }
            } else {
                for (int code : table.codes(c)) {
                    out.writeInt(code);
                }
            }
        }
    }

    public static Table readTable(DataInput in) throws IOException {
        Schema schema = read(in);
        int rows = count(in, "rows");
        List<Object> arrays = new ArrayList<>(schema.size());
        for (Column column : schema.columns()) {
            if (column.isNumeric()) {
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = in.readDouble();
                }
                arrays.add(values);
            } else {
                int[] codes = new int[rows];
                for (int r = 0; r < rows; r++) {
                    codes[r] = in.readInt();
                }
                arrays.add(codes);
            }
        }
        try {
            return Table.of(schema, arrays);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt table: " + e.getMessage());
        }
    }

    private static int count(DataInput in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException("corrupt schema: " + n + " " + what);
        }
        return n;
    }
}
