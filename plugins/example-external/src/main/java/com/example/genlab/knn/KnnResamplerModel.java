package com.example.genlab.knn;

import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Progress;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Built by genlab with constructor injection: it receives its config record. */
public final class KnnResamplerModel implements GenerativeModel {
    private static final int FORMAT = 1;

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
            int columns = in.readInt();
            int rows = in.readInt();
            List<Column> cols = new ArrayList<>();
            List<Object> arrays = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                String name = in.readUTF();
                boolean numeric = in.readBoolean();
                if (numeric) {
                    boolean integral = in.readBoolean();
                    cols.add(integral ? Column.integer(name) : Column.numeric(name));
                    double[] v = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        v[r] = in.readDouble();
                    }
                    arrays.add(v);
                } else {
                    int levels = in.readInt();
                    List<String> lv = new ArrayList<>();
                    for (int i = 0; i < levels; i++) {
                        lv.add(in.readUTF());
                    }
                    cols.add(Column.categorical(name, lv));
                    int[] v = new int[rows];
                    for (int r = 0; r < rows; r++) {
                        v[r] = in.readInt();
                    }
                    arrays.add(v);
                }
            }
            return new FittedKnn(Table.of(Schema.of(cols), arrays), saved);
        }
    }

    static void write(Path directory, Table table, KnnConfig config) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(directory.resolve("knn.bin")))) {
            out.writeInt(FORMAT);
            out.writeInt(config.k());
            out.writeDouble(config.noise());
            out.writeInt(table.columnCount());
            out.writeInt(table.rowCount());
            for (int c = 0; c < table.columnCount(); c++) {
                Column column = table.schema().column(c);
                out.writeUTF(column.name());
                out.writeBoolean(column.isNumeric());
                if (column.isNumeric()) {
                    out.writeBoolean(column.integral());
                    for (double v : table.numericColumn(c)) {
                        out.writeDouble(v);
                    }
                } else {
                    out.writeInt(column.levels().size());
                    for (String level : column.levels()) {
                        out.writeUTF(level);
                    }
                    for (int v : table.codes(c)) {
                        out.writeInt(v);
                    }
                }
            }
        }
    }
}
