package dev.genlab.runtime.output;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * PNG {@code tEXt} chunks: genlab stamps the PNGs it writes with the run id and config digest, so an image found
 * later says where it came from even without {@code genlab trace} (any PNG viewer's "properties" shows them).
 */
public final class PngText {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngText() {
    }

    public static boolean isPng(byte[] bytes) {
        if (bytes.length < SIGNATURE.length + 12) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code png} with a {@code tEXt} chunk per entry inserted before IEND; anything that is not a PNG comes back as is. */
    public static byte[] withText(byte[] png, Map<String, String> text) {
        if (!isPng(png) || text.isEmpty()) {
            return png;
        }
        int iend = png.length - 12; // a PNG ends with the 12-byte IEND chunk
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 256);
        out.write(png, 0, iend);
        text.forEach((k, v) -> chunk(out, "tEXt", (k + '\0' + v).getBytes(StandardCharsets.ISO_8859_1)));
        out.write(png, iend, 12);
        return out.toByteArray();
    }

    /** The {@code tEXt} entries of a PNG, in file order (empty if it is not one). */
    public static Map<String, String> read(byte[] png) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!isPng(png)) {
            return out;
        }
        int at = SIGNATURE.length;
        while (at + 12 <= png.length) {
            int length = ((png[at] & 0xff) << 24) | ((png[at + 1] & 0xff) << 16) | ((png[at + 2] & 0xff) << 8) | (png[at + 3] & 0xff);
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length < 0 || at + 12 + length > png.length) {
                break;
            }
            if (type.equals("tEXt")) {
                String s = new String(png, at + 8, length, StandardCharsets.ISO_8859_1);
                int zero = s.indexOf('\0');
                if (zero > 0) {
                    out.put(s.substring(0, zero), s.substring(zero + 1));
                }
            }
            at += 12 + length;
        }
        return out;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        int n = data.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.write(t, 0, 4);
        out.write(data, 0, n);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        long c = crc.getValue();
        out.write((int) (c >>> 24));
        out.write((int) (c >>> 16));
        out.write((int) (c >>> 8));
        out.write((int) c);
    }
}
