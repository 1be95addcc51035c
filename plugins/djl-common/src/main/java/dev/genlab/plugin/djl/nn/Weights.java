package dev.genlab.plugin.djl.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Named arrays in a fixed order, written bit for bit (big-endian floats) so a reload samples identical rows. */
public final class Weights {
    private static final int MAGIC = 0x474c5731; // "GLW1"
    private static final int MAX_ARRAYS = 1 << 16;

    private final Map<String, HostArray> arrays;

    public Weights(Map<String, HostArray> arrays) {
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(arrays, "arrays is null")));
    }

    public Map<String, HostArray> arrays() {
        return arrays;
    }

    public HostArray get(String name) {
        HostArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no array '" + name + "'; have " + arrays.keySet());
        }
        return a;
    }

    /** A copy with the arrays of {@code other} added (names must not clash). */
    public Weights with(String prefix, Weights other) {
        Map<String, HostArray> all = new LinkedHashMap<>(arrays);
        other.arrays.forEach((k, v) -> {
            if (all.put(prefix + k, v) != null) {
                throw new IllegalArgumentException("duplicate array '" + prefix + k + "'");
            }
        });
        return new Weights(all);
    }

    /** The arrays whose names start with {@code prefix}, with the prefix removed. */
    public Weights part(String prefix) {
        Map<String, HostArray> part = new LinkedHashMap<>();
        arrays.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                part.put(k.substring(prefix.length()), v);
            }
        });
        return new Weights(part);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(arrays.size());
        for (Map.Entry<String, HostArray> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            long[] shape = e.getValue().shape();
            out.writeInt(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
            float[] data = e.getValue().data();
            out.writeInt(data.length);
            for (float f : data) {
                out.writeFloat(f);
            }
        }
    }

    public static Weights read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a genlab weights block (bad magic number)");
        }
        int count = in.readInt();
        if (count < 0 || count > MAX_ARRAYS) {
            throw new IOException("corrupt weights block: " + count + " arrays");
        }
        Map<String, HostArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            int rank = in.readInt();
            if (rank < 0 || rank > 8) {
                throw new IOException("corrupt weights block: array '" + name + "' has rank " + rank);
            }
            long[] shape = new long[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = in.readLong();
            }
            int length = in.readInt();
            if (length < 0 || length > (1 << 28)) {
                throw new IOException("corrupt weights block: array '" + name + "' has " + length + " values");
            }
            float[] data = new float[length];
            for (int j = 0; j < length; j++) {
                data[j] = in.readFloat();
            }
            try {
                arrays.put(name, new HostArray(shape, data));
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt weights block: array '" + name + "': " + e.getMessage(), e);
            }
        }
        return new Weights(arrays);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weights w && arrays.equals(w.arrays);
    }

    @Override
    public int hashCode() {
        return arrays.hashCode();
    }
}
