package com.example.genlab.knn;

import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Progress;
import dev.genlab.spi.SchemaCodec;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Built by genlab with constructor injection: it receives its config record. */
public final class KnnResamplerModel implements GenerativeModel {
    private static final int FORMAT = 2; // 2: the rows as genlab-spi's SchemaCodec writes a table

    private final KnnConfig config;

    @Inject
    public KnnResamplerModel(KnnConfig config) {
        this.config = config;
    }

    @Override
    public FittedModel fit(Data train, TrainingContext context) {
        Table table = train.asTable();
        if (table.rowCount() < 2) {
            throw new IllegalArgumentException("knn-resampler needs at least 2 training rows, got " + table.rowCount());
        }
        try (Progress progress = context.progress("index rows", 1, "step")) {
            FittedKnn fitted = new FittedKnn(table, config);
            // a per-step metric, as a real model would log its losses: here, the mean distance to the nearest neighbour
            context.logMetric("knn.mean_nearest_distance", fitted.meanNearestDistance(context.random("probe")), 0);
            progress.advance(1);
            return fitted;
        }
    }

    @Override
    public FittedModel load(Path directory) throws IOException {
        Path file = directory.resolve("knn.bin");
        if (!Files.exists(file)) {
            throw new IOException("not a knn-resampler model directory: " + file + " is missing");
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            if (in.readInt() != FORMAT) {
                throw new IOException(file + " was written by another version of knn-resampler");
            }
            KnnConfig saved = new KnnConfig(in.readInt(), in.readDouble());
            return new FittedKnn(SchemaCodec.readTable(in), saved);
        }
    }

    static void write(Path directory, Table table, KnnConfig config) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(directory.resolve("knn.bin")))) {
            out.writeInt(FORMAT);
            out.writeInt(config.k());
            out.writeDouble(config.noise());
            SchemaCodec.writeTable(table, out);
        }
    }
}
