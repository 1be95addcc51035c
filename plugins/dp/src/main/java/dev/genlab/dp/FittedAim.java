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

/**
 * A fitted {@code aim} model: the domain coding and the graphical model (its potentials; the junction tree is rebuilt
 * on load); samples are decoded through the public domain.
 */
final class FittedAim implements FittedModel {
    private static final String FILE = "aim.bin";
    /** 2: a graphical model of any structure (format 1 was the forest, saved as {@code mst.bin}). */
    private static final int FORMAT = 2;

    private final DomainCodec codec;
    private final GraphicalModel model;

    FittedAim(DomainCodec codec, GraphicalModel model) {
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

    /** Whether {@code directory} holds a model saved by this class. */
    static boolean saved(Path directory) {
        return Files.exists(directory.resolve(FILE));
    }

    static FittedAim load(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file) && Files.exists(directory.resolve("mst.bin"))) {
            throw new IOException(directory + ": holds an aim model of the forest format (mst.bin, format 1), which this genlab no longer reads; fit it again");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException(file + ": aim model format " + format + ", this genlab reads " + FORMAT);
            }
            return new FittedAim(DomainCodec.read(in), GraphicalModel.read(in));
        }
    }
}
