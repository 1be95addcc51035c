package dev.genlab.dp;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fitted {@code aim} model: the domain coding and the graphical model (its potentials; the junction tree is rebuilt
 * on load); samples are decoded through the public domain.
 */
final class FittedAim extends FittedMarginalModel {
    private static final String FILE = "aim.bin";
    /** 2: a graphical model of any structure (format 1 was the forest, saved as {@code mst.bin}). */
    private static final int FORMAT = 2;

    private final GraphicalModel model;

    FittedAim(DomainCodec codec, GraphicalModel model) {
        super(codec, FILE, FORMAT);
        this.model = model;
    }

    @Override
    int[][] sampleCodes(int n, long seed) {
        return model.sample(n, seed);
    }

    @Override
    void writeModel(DataOutput out) throws IOException {
        model.write(out);
    }

    /** Whether {@code directory} holds a model saved by this class. */
    static boolean saved(Path directory) {
        return Files.exists(directory.resolve(FILE));
    }

    static FittedAim load(Path directory) throws IOException {
        if (!saved(directory) && Files.exists(directory.resolve("mst.bin"))) {
            throw new IOException(directory + ": holds an aim model of the forest format (mst.bin, format 1), which this genlab no longer reads; fit it again");
        }
        return load(directory, FILE, FORMAT, "aim", (codec, in) -> new FittedAim(codec, GraphicalModel.read(in)));
    }
}
