package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
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
 * A fitted deep model on disk: {@code model.properties} (readable: format, model type, architecture) and
 * {@code model.bin} (the data transformer and the network weights, floats bit for bit), so a loaded model
 * samples exactly what the saved one did. The architecture comes from the file, not from the current config.
 */
record SavedModel(String model, Map<String, String> architecture, TabularTransformer transformer, Weights weights) {
    static final String FORMAT = "genlab-deep-tabular";
    static final int VERSION = 1;
    static final String PROPERTIES = "model.properties";
    static final String BINARY = "model.bin";

    void write(Path directory) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("format-version", Integer.toString(VERSION));
        p.setProperty("model", model);
        architecture.forEach((k, v) -> p.setProperty("architecture." + k, v));
        try (Writer w = Files.newBufferedWriter(directory.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.store(w, "genlab " + model + " model");
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(directory.resolve(BINARY)), 1 << 16))) {
            transformer.write(out);
            weights.write(out);
        }
    }

    static SavedModel read(Path directory, String expectedModel) throws IOException {
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
            TabularTransformer transformer = TabularTransformer.read(in);
            Weights weights = Weights.read(in);
            return new SavedModel(expectedModel, architecture, transformer, weights);
        } catch (IOException e) {
            throw new IOException("cannot read " + binary + ": " + e.getMessage(), e);
        }
    }

    int integer(String key) throws IOException {
        String v = architecture.get(key);
        if (v == null) {
            throw new IOException("saved " + model + " model lacks architecture." + key);
        }
        return Integer.parseInt(v);
    }

    String string(String key) throws IOException {
        String v = architecture.get(key);
        if (v == null) {
            throw new IOException("saved " + model + " model lacks architecture." + key);
        }
        return v;
    }
}
