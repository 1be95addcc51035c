package dev.genlab.dp;

import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fitted marginal-based model ({@code mst}, {@code aim}): the public domain's coding and a model of the codes,
 * saved as one file (a format number, the coding, the model). Samples are decoded through the public domain.
 */
abstract class FittedMarginalModel implements FittedModel {
    /** How a saved model's body is read, once its format is checked and its coding read. */
    interface Reader<T> {
        T read(DomainCodec codec, DataInputStream in) throws IOException;
    }

    final DomainCodec codec;
    private final String file;
    private final int format;

    FittedMarginalModel(DomainCodec codec, String file, int format) {
        this.codec = codec;
        this.file = file;
        this.format = format;
    }

    /** {@code n} rows of codes, one array per column, the same for the same seed. */
    abstract int[][] sampleCodes(int n, long seed);

    abstract void writeModel(DataOutput out) throws IOException;

    @Override
    public Data sample(int n, long seed) {
        return codec.decode(sampleCodes(n, seed), ~seed);
    }

    @Override
    public void save(Path directory) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(directory.resolve(file))))) {
            out.writeInt(format);
            codec.write(out);
            writeModel(out);
        }
    }

    /** The model saved in {@code directory} as {@code file}, after checking its format; {@code what} names it in errors. */
    static <T> T load(Path directory, String file, int format, String what, Reader<T> reader) throws IOException {
        Path path = directory.resolve(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            int found = in.readInt();
            if (found != format) {
                throw new IOException(path + ": " + what + " model format " + found + ", this genlab reads " + format);
            }
            return reader.read(DomainCodec.read(in), in);
        }
    }
}
