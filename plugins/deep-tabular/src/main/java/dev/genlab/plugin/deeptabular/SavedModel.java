package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.io.ModelFiles;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fitted deep model on disk: {@code model.properties} (readable: format, model type, architecture) and
 * {@code model.bin} (the data transformer and the network weights, floats bit for bit), so a loaded model
 * samples exactly what the saved one did. The architecture comes from the file, not from the current config.
 */
record SavedModel(String model, Map<String, String> architecture, TabularTransformer transformer, Weights weights) {
    static final String FORMAT = "genlab-deep-tabular";
    static final int VERSION = 1;
    void write(Path directory) throws IOException {
        ModelFiles.write(directory, FORMAT, VERSION, model, Map.of(), architecture, out -> {
            transformer.write(out);
            weights.write(out);
        });
    }

    static SavedModel read(Path directory, String expectedModel) throws IOException {
        Map<String, String> architecture = ModelFiles.readArchitecture(directory, FORMAT, VERSION, expectedModel, List.of());
        return ModelFiles.readBinary(directory, in -> new SavedModel(expectedModel, architecture, TabularTransformer.read(in), Weights.read(in)));
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
