package dev.genlab.plugin.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestModelFile {
    @TempDir
    Path directory;

    private final CopulaModel model = new CopulaModel(CopulaConfig.defaults());
    private FittedModel fitted;

    @BeforeEach
    void saveAModel() throws IOException {
        Table train = SyntheticTables.correlated(500, 3);
        fitted = model.fit(train, TestContexts.training(1, directory.resolve("run")));
        fitted.save(directory);
    }

    @Test
    void headerIsReadableAndDescribesTheModel() throws IOException {
        Properties header = new Properties();
        header.load(Files.newBufferedReader(directory.resolve("copula.properties"), StandardCharsets.UTF_8));
        assertEquals("genlab-copula", header.getProperty("format"));
        assertEquals("1", header.getProperty("version"));
        assertEquals("8", header.getProperty("columns"));
        assertEquals("8", header.getProperty("latent-dimensions"));
        assertEquals("500", header.getProperty("training-rows"));
        assertEquals(String.valueOf(Files.size(directory.resolve("copula.bin"))), header.getProperty("data-bytes"));
    }

    @Test
    void roundTripIsExactIncludingRoles() throws IOException {
        FittedModel loaded = model.load(directory);
        Table a = (Table) fitted.sample(300, 8);
        Table b = (Table) loaded.sample(300, 8);
        assertEquals(a, b);
        assertEquals("flag", b.schema().target().orElseThrow());
        // Saving the loaded model writes the same bytes.
        Path again = Files.createDirectory(directory.resolve("again"));
        loaded.save(again);
        assertTrue(Arrays.equals(Files.readAllBytes(directory.resolve("copula.bin")), Files.readAllBytes(again.resolve("copula.bin"))));
    }

    @Test
    void missingDirectoryOrHeader() throws IOException {
        Path empty = Files.createDirectory(directory.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> model.load(empty));
        assertEquals("not a saved copula model: " + empty.resolve("copula.properties") + " does not exist", e.getMessage());
        Files.delete(directory.resolve("copula.bin"));
        e = assertThrows(IOException.class, () -> model.load(directory));
        assertEquals("incomplete copula model: " + directory.resolve("copula.bin") + " does not exist", e.getMessage());
    }

    @Test
    void foreignFiles() throws IOException {
        Files.writeString(directory.resolve("copula.properties"), "format=genlab-ctgan\nversion=1\n");
        IOException e = assertThrows(IOException.class, () -> model.load(directory));
        assertEquals("not a saved copula model: " + directory.resolve("copula.properties")
                + " has format 'genlab-ctgan', expected 'genlab-copula'", e.getMessage());

        Files.write(directory.resolve("copula.properties"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        e = assertThrows(IOException.class, () -> model.load(directory));
        assertTrue(e.getMessage().startsWith("not a saved copula model: "), e.getMessage());

        Files.writeString(directory.resolve("copula.properties"), "format=genlab-copula\nversion=7\n");
        e = assertThrows(IOException.class, () -> model.load(directory));
        assertEquals(directory.resolve("copula.properties") + ": unsupported copula model version '7'; this plugin reads version 1",
                e.getMessage());
    }

    @Test
    void corruptData() throws IOException {
        Path data = directory.resolve("copula.bin");
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(data, bytes);
        IOException e = assertThrows(IOException.class, () -> model.load(directory));
        assertTrue(e.getMessage().startsWith("corrupt copula model: the checksum of " + data), e.getMessage());
    }

    /** Damage that the checksum does not catch (the header was rewritten to match) is still caught by parsing. */
    @Test
    void truncatedOrMalformedDataWithAMatchingChecksum() throws IOException {
        Path data = directory.resolve("copula.bin");
        byte[] bytes = Files.readAllBytes(data);
        for (byte[] damaged : new byte[][] {
            Arrays.copyOf(bytes, bytes.length - 20),
            Arrays.copyOf(bytes, 30),
            withByte(bytes, 0, (byte) 'X'),
            withByte(bytes, 12, (byte) 0x7f), // column count: absurdly large
            Arrays.copyOf(bytes, bytes.length + 8),
        }) {
            Files.write(data, damaged);
            rewriteChecksum(damaged);
            IOException e = assertThrows(IOException.class, () -> model.load(directory));
            assertTrue(e.getMessage().startsWith("corrupt copula model " + data + ": "), e.getMessage());
        }
    }

    private static byte[] withByte(byte[] bytes, int at, byte value) {
        byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }

    private void rewriteChecksum(byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        Path header = directory.resolve("copula.properties");
        String text = Files.readString(header).replaceAll("data-crc32=\\w+", "data-crc32=" + String.format("%08x", crc.getValue()));
        Files.writeString(header, text);
    }
}
