package dev.genlab.plugin.djl.tabular;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnType;
import dev.genlab.spi.Schema;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes a tabular {@link Schema} (columns, levels, roles) into a saved model and reads it back. */
public final class SchemaCodec {
    private SchemaCodec() {
    }

    public static void write(Schema schema, DataOutputStream out) throws IOException {
        out.writeInt(schema.size());
        for (Column c : schema.columns()) {
            out.writeUTF(c.name());
            out.writeBoolean(c.isCategorical());
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
    }

    public static Schema read(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > 1_000_000) {
            throw new IOException("corrupt schema: " + size + " columns");
        }
        List<Column> columns = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String name = in.readUTF();
            boolean categorical = in.readBoolean();
            boolean integral = in.readBoolean();
            int levels = in.readInt();
            if (levels < 0 || levels > 10_000_000) {
                throw new IOException("corrupt schema: column '" + name + "' has " + levels + " levels");
            }
            List<String> names = new ArrayList<>(levels);
            for (int l = 0; l < levels; l++) {
                names.add(in.readUTF());
            }
            columns.add(new Column(name, categorical ? ColumnType.CATEGORICAL : ColumnType.NUMERIC, names, integral));
        }
        Schema schema = Schema.of(columns);
        if (in.readBoolean()) {
            schema = schema.withTarget(in.readUTF());
        }
        int sensitive = in.readInt();
        List<String> s = new ArrayList<>();
        for (int i = 0; i < sensitive; i++) {
            s.add(in.readUTF());
        }
        return schema.withSensitive(s);
    }
}
