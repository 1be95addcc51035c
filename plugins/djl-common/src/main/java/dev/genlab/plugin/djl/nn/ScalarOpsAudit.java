package dev.genlab.plugin.djl.nn;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds calls of DJL's array-with-number arithmetic ({@code NDArray.mul(Number)} and kin, unsafe under autograd on
 * the PyTorch engine; see {@link Scalars}) in compiled classes, by reading each class file's constant pool for a
 * method reference to {@code ai/djl/ndarray/NDArray} with a {@code (Ljava/lang/Number;)} descriptor. Each DJL
 * module's tests run it over {@code target/classes}, so such a call cannot come back unnoticed. Comparisons
 * ({@code gt(Number)} and kin) are allowed: their results carry no gradient.
 */
public final class ScalarOpsAudit {
    static final Set<String> ARITHMETIC = Set.of("add", "sub", "mul", "div", "pow", "maximum", "minimum", "mod", "addi", "subi",
            "muli", "divi", "powi", "modi", "rsub", "rdiv", "rpow", "rmod", "rsubi", "rdivi", "rpowi", "rmodi");
    private static final String NUMBER_ARGUMENT = "(Ljava/lang/Number;)";

    private ScalarOpsAudit() {
    }

    /** {@code Class.method(Number)} for each forbidden reference found in the {@code .class} files under {@code classes}. */
    public static List<String> findIn(Path classes) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class")).sorted()::iterator) {
                for (String m : forbiddenReferences(Files.readAllBytes(f))) {
                    found.add(classes.relativize(f) + ": NDArray." + m + "(Number)");
                }
            }
        }
        return found;
    }

    static List<String> forbiddenReferences(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classIndex = new int[count];
        int[][] nameAndType = new int[count][];
        List<int[]> methodRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> classIndex[i] = in.readUnsignedShort(); // Class (others ignored)
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 9, 10, 11 -> {
                    int c = in.readUnsignedShort();
                    int nt = in.readUnsignedShort();
                    if (tag != 9) {
                        methodRefs.add(new int[] {c, nt});
                    }
                }
                case 12 -> nameAndType[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> in.readInt();
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> out = new ArrayList<>();
        for (int[] ref : methodRefs) {
            String owner = utf8[classIndex[ref[0]]];
            int[] nt = nameAndType[ref[1]];
            String name = utf8[nt[0]];
            String descriptor = utf8[nt[1]];
            if (owner != null && owner.startsWith("ai/djl/") && owner.endsWith("NDArray") && ARITHMETIC.contains(name)
                    && descriptor.startsWith(NUMBER_ARGUMENT)) {
                out.add(name);
            }
        }
        return out;
    }
}
