package dev.genlab.plugin.deeptext;

import dev.genlab.plugin.djl.nn.Weights;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A fitted character model on disk: {@code model.properties} (format, model type, architecture, readable) and
 * {@code model.bin} (the vocabulary's code points and the weights, floats bit for bit), so a loaded model scores
 * and samples exactly as the saved one. The architecture comes from the file, not from the current config.
 */
record SavedTextModel(String model, Map<String, String> architecture, Vocabulary vocabulary, Weights weights) {
    static final String FORMAT = "genlab-deep-text";
    static final int VERSION = 1;
    static final String PROPERTIES = "model.properties";
    static final String BINARY = "model.bin";

    void write(Path directory) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("format-version", Integer.toString(VERSION));
        p.setProperty("model", model);
        p.setProperty("vocabulary-size", Integer.toString(vocabulary.size()));
        architecture.forEach((k, v) -> p.setProperty("architecture." + k, v));
        try (Writer w = Files.newBufferedWriter(directory.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.store(w, "genlab " + model + " model");
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(directory.resolve(BINARY)), 1 << 16))) {
            vocabulary.write(out);
            weights.write(out);
        }
    }

    static SavedTextModel read(Path directory, String expectedModel) throws IOException {
        Path properties = directory.resolve(PROPERTIES);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IOException("no saved " + expectedModel + " model in " + directory + ": " + PROPERTIES + " is missing", e);
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException(properties + " is not a " + FORMAT + " model (format = " + p.getProperty("format") + ")");
        }
        if (!Integer.toString(VERSION).equals(p.getProperty("format-version"))) {
            throw new IOException(properties + " has format version " + p.getProperty("format-version") + "; this plugin reads version " + VERSION);
        }
        if (!expectedModel.equals(p.getProperty("model"))) {
            throw new IOException(properties + " holds a '" + p.getProperty("model") + "' model, not '" + expectedModel + "'");
        }
        Map<String, String> architecture = new LinkedHashMap<>();
        new TreeMap<>(p).forEach((k, v) -> {
            String key = (String) k;
            if (key.startsWith("architecture.")) {
                architecture.put(key.substring("architecture.".length()), (String) v);
            }
        });
        Path binary = directory.resolve(BINARY);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(binary), 1 << 16))) {
            return new SavedTextModel(expectedModel, architecture, Vocabulary.read(in), Weights.read(in));
        } catch (IOException e) {
            throw new IOException("cannot read " + binary + ": " + e.getMessage(), e);
        }
    }

    static int integer(Map<String, String> architecture, String key) {
        String v = architecture.get(key);
        if (v == null) {
            throw new IllegalArgumentException("saved model lacks architecture." + key);
        }
        return Integer.parseInt(v);
    }
}
