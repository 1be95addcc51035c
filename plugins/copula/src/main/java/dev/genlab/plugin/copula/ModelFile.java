package dev.genlab.plugin.copula;

import dev.genlab.spi.Column;
import dev.genlab.spi.Schema;
import dev.genlab.spi.SchemaCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UTFDataFormatException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * The saved form of a {@link FittedCopula}: {@value #HEADER}, a readable properties file naming the format, its
 * version and a checksum of the numbers, and {@value #DATA}, the schema, marginals and correlation matrix as
 * big-endian binary ({@link DataOutputStream}). Doubles are stored bit for bit, so a loaded model samples exactly
 * what the saved one did.
 */
final class ModelFile {
    static final String HEADER = "copula.properties";
    static final String DATA = "copula.bin";
    static final String FORMAT = "genlab-copula";
    static final int VERSION = 1;
    private static final byte[] MAGIC = "GLCOPULA".getBytes(StandardCharsets.US_ASCII);

    private static final byte NONE = 0;
    private static final byte EMPIRICAL = 1;
    private static final byte GAUSSIAN = 2;
    private static final byte CATEGORICAL = 3;

    private ModelFile() {
    }

    static void write(Path directory, FittedCopula model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            SchemaCodec.write(model.schema(), out);
            out.writeInt(model.trainingRows());
            double[][] r = model.correlation();
            out.writeInt(r.length);
            for (ColumnModel m : model.columns()) {
                out.writeInt(m.valueDimension());
                out.writeInt(m.missingDimension());
                m.missingness().write(out);
                if (m.numeric() instanceof EmpiricalMarginal e) {
                    out.writeByte(EMPIRICAL);
                    e.write(out);
                } else if (m.numeric() instanceof GaussianMarginal g) {
                    out.writeByte(GAUSSIAN);
                    g.write(out);
                } else if (m.categorical() != null) {
                    out.writeByte(CATEGORICAL);
                    m.categorical().write(out);
                } else {
                    out.writeByte(NONE);
                }
            }
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < i; j++) {
                    out.writeDouble(r[i][j]);
                }
            }
        }
        byte[] data = bytes.toByteArray();
        String header = "# genlab Gaussian copula model (model type 'copula'); the numbers are in " + DATA + "\n"
                + "format=" + FORMAT + "\n"
                + "version=" + VERSION + "\n"
                + "columns=" + model.schema().size() + "\n"
                + "latent-dimensions=" + model.correlation().length + "\n"
                + "training-rows=" + model.trainingRows() + "\n"
                + "data-file=" + DATA + "\n"
                + "data-bytes=" + data.length + "\n"
                + "data-crc32=" + crc(data) + "\n";
        Files.write(directory.resolve(DATA), data);
        Files.writeString(directory.resolve(HEADER), header, StandardCharsets.UTF_8);
    }

    static FittedCopula read(Path directory, double minAcceptanceRate) throws IOException {
        Path headerFile = directory.resolve(HEADER);
        String text;
        try {
            text = Files.readString(headerFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("not a saved copula model: " + headerFile + " does not exist", e);
        } catch (CharacterCodingException e) {
            throw new IOException("not a saved copula model: " + headerFile + " is not a text file", e);
        }
        Properties header = new Properties();
        header.load(new StringReader(text));
        String format = header.getProperty("format");
        if (!FORMAT.equals(format)) {
            throw new IOException("not a saved copula model: " + headerFile + " has format "
                    + (format == null ? "(none)" : "'" + format + "'") + ", expected '" + FORMAT + "'");
        }
        if (!String.valueOf(VERSION).equals(header.getProperty("version"))) {
            throw new IOException(headerFile + ": unsupported copula model version '" + header.getProperty("version")
                    + "'; this plugin reads version " + VERSION);
        }
        Path dataFile = directory.resolve(DATA);
        byte[] data;
        try {
            data = Files.readAllBytes(dataFile);
        } catch (NoSuchFileException e) {
            throw new IOException("incomplete copula model: " + dataFile + " does not exist", e);
        }
        if (!crc(data).equals(header.getProperty("data-crc32"))) {
            throw new IOException("corrupt copula model: the checksum of " + dataFile + " (" + crc(data) + ", "
                    + data.length + " bytes) does not match " + headerFile + " (" + header.getProperty("data-crc32")
                    + ", " + header.getProperty("data-bytes") + " bytes)");
        }
        try {
            return parse(data, minAcceptanceRate);
        } catch (EOFException e) {
            throw new IOException("corrupt copula model " + dataFile + ": file ends early", e);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | UTFDataFormatException e) {
            throw new IOException("corrupt copula model " + dataFile + ": " + e.getMessage(), e);
        }
    }

    private static FittedCopula parse(byte[] data, double minAcceptanceRate) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException("it does not start with the copula model signature");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("data version " + version + ", expected " + VERSION);
        }
        Schema schema;
        try {
            schema = SchemaCodec.read(in);
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // implausible counts: reported as a corrupt model below
        }
        int trainingRows = in.readInt();
        int d = length(in, 0);
        List<ColumnModel> columns = new ArrayList<>(schema.size());
        for (Column column : schema.columns()) {
            int valueDimension = in.readInt();
            int missingDimension = in.readInt();
            CategoricalMarginal missingness = readCategorical(in);
            byte kind = in.readByte();
            NumericColumnMarginal numeric = null;
            CategoricalMarginal categorical = null;
            switch (kind) {
                case NONE -> { }
                case EMPIRICAL -> numeric = readEmpirical(in);
                case GAUSSIAN -> numeric = readGaussian(in);
                case CATEGORICAL -> categorical = readCategorical(in);
                default -> throw new IllegalArgumentException("unknown marginal kind " + kind + " for column '" + column.name() + "'");
            }
            columns.add(new ColumnModel(column, missingness, numeric, categorical, valueDimension, missingDimension));
        }
        if ((long) d * (d - 1) / 2 * Double.BYTES != in.available()) {
            throw new IllegalArgumentException("expected a " + d + "x" + d + " correlation matrix after the marginals, found "
                    + in.available() + " bytes");
        }
        double[][] r = Matrices.identity(d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                r[i][j] = in.readDouble();
                r[j][i] = r[i][j];
            }
        }
        return new FittedCopula(schema, columns, r, trainingRows, minAcceptanceRate);
    }

    private static EmpiricalMarginal readEmpirical(DataInputStream in) throws IOException {
        boolean integral = in.readBoolean();
        int k = length(in, Double.BYTES + Integer.BYTES);
        double[] values = new double[k];
        int[] cumulative = new int[k];
        for (int j = 0; j < k; j++) {
            values[j] = in.readDouble();
            cumulative[j] = in.readInt();
        }
        return new EmpiricalMarginal(values, cumulative, integral);
    }

    private static GaussianMarginal readGaussian(DataInputStream in) throws IOException {
        boolean integral = in.readBoolean();
        boolean clip = in.readBoolean();
        return new GaussianMarginal(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), integral, clip);
    }

    private static CategoricalMarginal readCategorical(DataInputStream in) throws IOException {
        long[] counts = new long[length(in, Long.BYTES)];
        for (int j = 0; j < counts.length; j++) {
            counts[j] = in.readLong();
        }
        return new CategoricalMarginal(counts);
    }

    /** A count of following elements, checked against the bytes left so a corrupt count cannot exhaust memory. */
    private static int length(InputStream in, int minBytesPerElement) throws IOException {
        int n = new DataInputStream(in).readInt();
        if (n < 0 || (long) n * minBytesPerElement > in.available()) {
            throw new IllegalArgumentException("implausible length " + n + " with " + in.available() + " bytes left");
        }
        return n;
    }

    private static String crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
