package dev.genlab.plugin.deeptext;

import dev.genlab.plugin.djl.io.ModelFiles;
import dev.genlab.plugin.djl.nn.Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fitted character model on disk: {@code model.properties} (format, model type, architecture, readable) and
 * {@code model.bin} (the vocabulary's code points and the weights, floats bit for bit), so a loaded model scores
 * and samples exactly as the saved one. The architecture comes from the file, not from the current config.
 */
record SavedTextModel(String model, Map<String, String> architecture, Vocabulary vocabulary, Weights weights) {
    static final String FORMAT = "genlab-deep-text";
    static final int VERSION = 1;
    void write(Path directory) throws IOException {
        ModelFiles.write(directory, FORMAT, VERSION, model, Map.of("vocabulary-size", Integer.toString(vocabulary.size())), architecture, out -> {
            vocabulary.write(out);
            weights.write(out);
        });
    }

    static SavedTextModel read(Path directory, String expectedModel) throws IOException {
        Map<String, String> architecture = ModelFiles.readArchitecture(directory, FORMAT, VERSION, expectedModel, List.of());
        return ModelFiles.readBinary(directory, in -> new SavedTextModel(expectedModel, architecture, Vocabulary.read(in), Weights.read(in)));
    }

    static int integer(Map<String, String> architecture, String key) {
        String v = architecture.get(key);
        if (v == null) {
            throw new IllegalArgumentException("saved model lacks architecture." + key);
        }
        return Integer.parseInt(v);
    }
}
