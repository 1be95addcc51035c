package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDManager;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fit and load steps every deep tabular model shares: refuse an empty table, fit the {@link TabularTransformer},
 * skip training when every column is constant (nothing to learn), encode the rows, train inside one native
 * manager that is closed afterwards, and read a saved model back with its own architecture. A model supplies its
 * encoding, its architecture, its training and its fitted form.
 */
abstract class DeepTabularModel implements GenerativeModel {
    private final String name;

    DeepTabularModel(String name) {
        this.name = name;
    }

    /** How this model encodes a table. */
    abstract TabularTransformer.Options encoding();

    abstract DeviceChoice device();

    /** What a saved model records so that it can be rebuilt whatever the config says later. */
    abstract Map<String, String> architecture();

    /** Throws an IOException naming the first architecture entry a saved model lacks or has unreadable. */
    abstract void checkArchitecture(SavedModel saved) throws IOException;

    /**
     * The table's encoding: fitted on {@code table} with {@link #encoding()} (dp-tvae builds it from the public
     * domain), its columns on as many threads as the engine has (the same encoding whatever the count).
     */
    TabularTransformer encoder(Table table, TrainingContext context) {
        return TabularTransformer.fit(table, encoding(), DjlEngine.threadsInForce());
    }

    /** Trains on {@code data} inside {@code root} and returns the weights sampling needs. */
    abstract Weights train(NDManager root, TabularTransformer transformer, EncodedTable data, TrainingContext context);

    abstract FittedDeepModel fitted(TabularTransformer transformer, Weights weights, Map<String, String> architecture);

    /** Only ctgan samples on conditions (its conditional vector); it says so. */
    @Override
    public boolean supportsConditions(Data train) {
        return false;
    }

    @Override
    public final FittedModel fit(Data train, TrainingContext context) {
        Table table = train.asTable();
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("cannot fit " + name + " to a table without rows");
        }
        TabularTransformer transformer = encoder(table, context);
        if (transformer.width() == 0) {
            return fitted(transformer, new Weights(Map.of()), architecture());
        }
        EncodedTable data = new EncodedTable(transformer.transform(table, context.random("transform")), table.rowCount(), transformer.width());
        try (NDManager root = DjlEngine.newManager(DjlEngine.device(device()))) {
            return fitted(transformer, train(root, transformer, data, context), architecture());
        }
    }

    @Override
    public final FittedModel load(Path directory) throws IOException {
        SavedModel saved = SavedModel.read(directory, name);
        checkArchitecture(saved);
        return fitted(saved.transformer(), saved.weights(), saved.architecture());
    }
}
