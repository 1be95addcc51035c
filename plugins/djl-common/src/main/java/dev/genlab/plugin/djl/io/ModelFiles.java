package dev.genlab.plugin.djl.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The on-disk form every DJL model plugin shares: {@code model.properties} (readable: format, format version, model
 * type, any extra properties and the architecture as {@code architecture.*}) and {@code model.bin} (whatever the
 * model writes: its data codec and its weights, floats bit for bit). A model is rebuilt from the saved architecture,
 * not from the current config, so a loaded model samples exactly what the saved one did.
 */
public final class ModelFiles {
    public static final String PROPERTIES = "model.properties";
    public static final String BINARY = "model.bin";
    private static final String ARCHITECTURE = "architecture.";

    /** Writes the binary part. */
    @FunctionalInterface
    public interface Writing {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the binary part back. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(DataInputStream in) throws IOException;
    }

    private ModelFiles() {
    }

    public static void write(Path directory, String format, int version, String model, Map<String, String> properties,
                             Map<String, String> architecture, Writing binary) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", format);
        p.setProperty("format-version", Integer.toString(version));
        p.setProperty("model", model);
        properties.forEach(p::setProperty);
        architecture.forEach((k, v) -> p.setProperty(ARCHITECTURE + k, v));
        try (Writer w = Files.newBufferedWriter(directory.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.store(w, "genlab " + model + " model");
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(directory.resolve(BINARY)), 1 << 16))) {
            binary.write(out);
        }
    }

    /**
     * Reads {@code model.properties}, checks its format, version and model type, and returns the architecture
     * entries; each key in {@code required} must be among them.
     */
    public static Map<String, String> readArchitecture(Path directory, String format, int version, String expectedModel,
                                                       Collection<String> required) throws IOException {
        Path properties = directory.resolve(PROPERTIES);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IOException("no saved " + expectedModel + " model in " + directory + ": " + PROPERTIES + " is missing", e);
        }
        if (!format.equals(p.getProperty("format"))) {
            throw new IOException(properties + " is not a " + format + " model (format = " + p.getProperty("format") + ")");
        }
        if (!Integer.toString(version).equals(p.getProperty("format-version"))) {
            throw new IOException(properties + " has format version " + p.getProperty("format-version") + "; this plugin reads version " + version);
        }
        if (!expectedModel.equals(p.getProperty("model"))) {
            throw new IOException(properties + " holds a '" + p.getProperty("model") + "' model, not '" + expectedModel + "'");
        }
        Map<String, String> architecture = new LinkedHashMap<>();
        new TreeMap<>(p).forEach((k, v) -> {
            String key = (String) k;
            if (key.startsWith(ARCHITECTURE)) {
                architecture.put(key.substring(ARCHITECTURE.length()), (String) v);
            }
        });
        for (String key : required) {
            if (!architecture.containsKey(key)) {
                throw new IOException(properties + " lacks " + ARCHITECTURE + key);
            }
        }
        return architecture;
    }

    /** Reads {@code model.bin}; a damaged file is an IOException naming it. */
    public static <T> T readBinary(Path directory, Reading<T> reading) throws IOException {
        Path binary = directory.resolve(BINARY);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(binary), 1 << 16))) {
            return reading.read(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot read " + binary + ": " + e.getMessage(), e);
        }
    }
}
