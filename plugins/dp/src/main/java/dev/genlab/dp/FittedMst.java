package dev.genlab.dp;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;

/** A fitted {@code mst} model: the domain coding and the tree model. */
final class FittedMst extends FittedMarginalModel {
    private static final String FILE = "mst.bin";
    private static final int FORMAT = 1;

    private final TreeModel model;

    FittedMst(TabularMst mst) {
        this(mst.codec(), mst.model());
    }

    FittedMst(DomainCodec codec, TreeModel model) {
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

    static FittedMst load(Path directory) throws IOException {
        return load(directory, FILE, FORMAT, "mst", (codec, in) -> new FittedMst(codec, TreeModel.read(in)));
    }
}
