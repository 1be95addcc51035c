package dev.genlab.runtime.util;

import dev.genlab.spi.Column;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.Data;
import dev.genlab.spi.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of the data's content (schema and values), independent of the file format it was read from: the
 * same rows give the same digest whether they came from CSV or a bundled resource.
 */
public final class DataDigest {
    private DataDigest() {
    }

    public static String sha256(Data data) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (data instanceof Table t) {
            ByteBuffer buf = ByteBuffer.allocate(8);
            for (Column c : t.schema().columns()) {
                text(md, c.name() + "\u0000" + c.type() + "\u0000" + String.join("\u0001", c.levels()) + "\u0000");
            }
            for (int c = 0; c < t.columnCount(); c++) {
                boolean numeric = t.schema().column(c).isNumeric();
                for (int r = 0; r < t.rowCount(); r++) {
                    buf.clear();
                    if (numeric) {
                        buf.putDouble(t.numeric(c, r));
                    } else {
                        buf.putLong(t.code(c, r));
                    }
                    md.update(buf.array());
                }
            }
        } else if (data instanceof Corpus corpus) {
            for (String d : corpus.documents()) {
                text(md, d);
                md.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void text(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
    }
}
