package dev.genlab.runtime.plugin;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Before any run: every class the class files of a plugin unit (a jar, or a sub-directory of jars) refer to, resolved
 * through the class loader genlab gives that unit. What does not resolve would be a {@link NoClassDefFoundError} in
 * the middle of a run.
 */
public final class PluginLinkCheck {
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([^;<>]+);");

    /**
     * What one unit lacks.
     *
     * @param unit    the jar or sub-directory
     * @param classes how many class files it holds
     * @param missing each missing class (binary name) with one class of the unit that refers to it, sorted by name
     * @param error   why the unit could not be read, or null
     */
    public record Report(Path unit, int classes, Map<String, String> missing, String error) {
        public boolean ok() {
            return error == null && missing.isEmpty();
        }
    }

    private PluginLinkCheck() {
    }

    /** A report for each jar and sub-directory of {@code directory}, in name order. */
    public static List<Report> check(Path directory, ClassLoader genlab) {
        List<String> warnings = new ArrayList<>();
        List<Report> out = new ArrayList<>();
        for (Path unit : PluginRegistry.pluginUnits(directory, warnings)) {
            out.add(checkUnit(unit, genlab));
        }
        if (!warnings.isEmpty()) {
            out.add(new Report(directory, 0, Map.of(), String.join("; ", warnings)));
        }
        return out;
    }

    static Report checkUnit(Path unit, ClassLoader genlab) {
        Map<String, byte[]> classFiles = new TreeMap<>();
        try {
            if (Files.isDirectory(unit)) {
                try (Stream<Path> files = Files.walk(unit)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        String name = unit.relativize(f).toString().replace('\\', '/');
                        if (name.endsWith(".jar") && unit.equals(f.getParent())) {
                            readJar(f, classFiles);
                        } else if (isClassFile(name)) {
                            classFiles.put(name, Files.readAllBytes(f));
                        }
                    }
                }
            } else {
                readJar(unit, classFiles);
            }
        } catch (IOException e) {
            return new Report(unit, 0, Map.of(), "cannot read it: " + e.getMessage());
        }
        Set<String> own = new HashSet<>();
        for (String f : classFiles.keySet()) {
            own.add(f.substring(0, f.length() - ".class".length()).replace('/', '.'));
        }
        Map<String, String> missing = new TreeMap<>();
        Map<String, Boolean> resolved = new java.util.HashMap<>();
        try (PluginClassLoader loader = PluginClassLoader.forUnit(unit, genlab)) {
            for (Map.Entry<String, byte[]> f : classFiles.entrySet()) {
                String referrer = f.getKey().substring(0, f.getKey().length() - ".class".length()).replace('/', '.');
                for (String ref : references(f.getValue())) {
                    if (own.contains(ref) || missing.containsKey(ref)) {
                        continue;
                    }
                    if (!resolved.computeIfAbsent(ref, r -> resolves(r, loader))) {
                        missing.put(ref, referrer);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Report(unit, classFiles.size(), Map.of(), "cannot read it: " + e.getMessage());
        }
        return new Report(unit, classFiles.size(), missing, null);
    }

    private static boolean resolves(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean isClassFile(String name) {
        return name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/");
    }

    private static void readJar(Path jar, Map<String, byte[]> into) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(file.entries())) {
                if (!e.isDirectory() && isClassFile(e.getName())) {
                    try (InputStream in = file.getInputStream(e)) {
                        into.putIfAbsent(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    /** Binary names of the classes a class file's constant pool refers to: its class entries and member and method types. */
    static Set<String> references(byte[] classFile) {
        Set<String> out = new HashSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                return out;
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNames = new ArrayList<>();
            List<Integer> descriptors = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNames.add(in.readUnsignedShort());
                    case 8, 19, 20 -> in.readUnsignedShort();
                    case 16 -> descriptors.add(in.readUnsignedShort());
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // takes two entries
                    }
                    case 9, 10, 11, 17, 18 -> in.readInt();
                    case 12 -> {
                        in.readUnsignedShort();
                        descriptors.add(in.readUnsignedShort());
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> {
                        return out; // a constant this reader does not know: check what it read so far
                    }
                }
            }
            for (int index : classNames) {
                String name = utf8[index];
                if (name == null) {
                    continue;
                }
                if (name.startsWith("[")) {
                    addAll(name, out);
                } else {
                    out.add(name.replace('/', '.'));
                }
            }
            for (int index : descriptors) {
                if (utf8[index] != null) {
                    addAll(utf8[index], out);
                }
            }
        } catch (IOException e) {
            // a truncated class file: what was read is checked
        }
        return out;
    }

    private static void addAll(String descriptor, Set<String> out) {
        Matcher m = DESCRIPTOR_CLASS.matcher(descriptor);
        while (m.find()) {
            out.add(m.group(1).replace('/', '.'));
        }
    }
}
