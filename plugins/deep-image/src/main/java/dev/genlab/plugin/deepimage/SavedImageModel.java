package dev.genlab.plugin.deepimage;

import dev.genlab.plugin.djl.io.ModelFiles;
import dev.genlab.plugin.djl.nn.Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fitted image model on disk: {@code model.properties} (readable: format, model type, architecture) and
 * {@code model.bin} (the codec with the training schema, pixel range and label shares, then the network weights,
 * floats bit for bit), so a loaded model samples exactly what the saved one did. The architecture comes from the
 * file, not from the current config.
 */
record SavedImageModel(String model, Map<String, String> architecture, ImageCodec codec, Weights weights) {
    static final String FORMAT = "genlab-deep-image";
    static final int VERSION = 1;
    void write(Path directory) throws IOException {
        ModelFiles.write(directory, FORMAT, VERSION, model, Map.of(), architecture, out -> {
            codec.write(out);
            weights.write(out);
        });
    }

    /** Reads a saved model of type {@code expectedModel}; every architecture key in {@code required} must be there. */
    static SavedImageModel read(Path directory, String expectedModel, List<String> required) throws IOException {
        Map<String, String> architecture = ModelFiles.readArchitecture(directory, FORMAT, VERSION, expectedModel, required);
        return ModelFiles.readBinary(directory, in -> new SavedImageModel(expectedModel, architecture, ImageCodec.read(in), Weights.read(in)));
    }
}
