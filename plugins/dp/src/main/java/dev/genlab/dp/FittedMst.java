package dev.genlab.dp;

import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fitted {@code mst} model: the domain coding and the tree model; samples are decoded through the public domain. */
final class FittedMst implements FittedModel {
    private static final String FILE = "mst.bin";
    private static final int FORMAT = 1;

    private final DomainCodec codec;
    private final TreeModel model;

    FittedMst(TabularMst mst) {
        this(mst.codec(), mst.model());
    }

    FittedMst(DomainCodec codec, TreeModel model) {
        this.codec = codec;
        this.model = model;
    }

    @Override
    public Data sample(int n, long seed) {
        return codec.decode(model.sample(n, seed), ~seed);
    }

    @Override
    public void save(Path directory) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(directory.resolve(FILE))))) {
            out.writeInt(FORMAT);
            codec.write(out);
            model.write(out);
        }
    }

    static FittedMst load(Path directory) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(directory.resolve(FILE))))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException(directory.resolve(FILE) + ": mst model format " + format + ", this genlab reads " + FORMAT);
            }
            return new FittedMst(DomainCodec.read(in), TreeModel.read(in));
        }
    }
}
