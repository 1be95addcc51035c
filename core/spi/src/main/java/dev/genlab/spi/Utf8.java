package dev.genlab.spi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of a user's file, for dataset plugins: a bad byte is a located {@link DataException}. */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes {@code bytes} as strict UTF-8 and drops a leading byte-order mark. An invalid byte is a
     * {@link DataException} naming {@code source}, the line and the byte's place in it.
     */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int pos = in.position();
            long line = 1;
            int lineStart = 0;
            for (int i = 0; i < pos; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new DataException(source, line, String.format("byte 0x%02X (byte %d of the line) is not valid UTF-8; save the file as UTF-8",
                    bytes[pos] & 0xff, pos - lineStart + 1));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
