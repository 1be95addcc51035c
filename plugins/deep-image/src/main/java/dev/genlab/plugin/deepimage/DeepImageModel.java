package dev.genlab.plugin.deepimage;

import ai.djl.ndarray.NDManager;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The fit and load steps the image models share: fit the {@link ImageCodec} (which checks the table is an image
 * table), train inside one native manager that is closed afterwards, and read a saved model back, which must carry
 * every architecture entry this model writes. A model supplies its architecture, its training and its fitted form.
 */
abstract class DeepImageModel implements GenerativeModel {
    private final String name;

    DeepImageModel(String name) {
        this.name = name;
    }

    /** Whether to condition on the class label (when the table has one). */
    abstract boolean conditional();

    abstract DeviceChoice device();

    /** What a saved model records so that it can be rebuilt whatever the config says later. */
    abstract Map<String, String> architecture();

    /** Trains on {@code data} inside {@code root} and returns the weights sampling needs. */
    abstract Weights train(NDManager root, ImageCodec codec, ImageBatches data, TrainingContext context);

    abstract FittedImageModel fitted(ImageCodec codec, Weights weights, Map<String, String> architecture);

    /** Conditions on the label are what a conditional model samples on: the rule of {@link ImageCodec#fit}. */
    @Override
    public boolean supportsConditions(Data train) {
        return conditional() && train instanceof Table table && ImageCodec.labelled(table.schema());
    }

    @Override
    public final FittedModel fit(Data train, TrainingContext context) {
        ImageCodec codec = ImageCodec.fit(train, name, conditional());
        ImageBatches data = new ImageBatches(codec, (Table) train);
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(device()))) {
            return fitted(codec, train(root, codec, data, context), architecture());
        }
    }

    @Override
    public final FittedModel load(Path directory) throws IOException {
        SavedImageModel saved = SavedImageModel.read(directory, name, List.copyOf(architecture().keySet()));
        return fitted(saved.codec(), saved.weights(), saved.architecture());
    }
}
