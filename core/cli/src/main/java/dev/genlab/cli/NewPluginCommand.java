package dev.genlab.cli;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "new-plugin", mixinStandardHelpOptions = true,
        description = "Make a plugin project in DIR (a pom pinned through genlab-bom, descriptor, config record, reference.conf,"
                + " services file, a contract test and one real test) that passes 'mvn -B verify' as made and whose jar drops"
                + " into --plugins as is.")
final class NewPluginCommand implements Callable<Integer> {
    enum Kind {
        MODEL("Model", "GenerativeModel", "Samples each column independently from its training values, numbers with a little noise."),
        DATASET("Dataset", "Dataset", "Generates two correlated numbers and a group from the run's seed."),
        METRIC("Metric", "Metric", "How far each numeric column's synthetic mean is from the real one, in real standard deviations.");

        final String title;
        final String implementation;
        final String description;

        Kind(String title, String implementation, String description) {
            this.title = title;
            this.implementation = implementation;
            this.description = description;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "model, dataset or metric.",
            converter = KindConverter.class)
    Kind kind;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The plugin's name, its type in experiment files:"
            + " lower-case letters, digits and '-', starting with a letter.")
    String name;

    @Option(names = "--package", paramLabel = "P", description = "Java package (and Maven groupId); default com.example.genlab.<name>.")
    String javaPackage;

    @Parameters(paramLabel = "DIR", description = "Where to make the project: a new or empty directory.")
    Path directory;

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            for (Kind k : Kind.values()) {
                if (k.label().equals(value)) {
                    return k;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a kind of plugin (model, dataset, metric)");
        }
    }

    @Override
    public Integer call() throws IOException {
        if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new UserException("--name '" + name + "': a plugin name is lower-case letters, digits and single '-' between them,"
                    + " starting with a letter (e.g. my-model)");
        }
        String pkg = javaPackage != null ? javaPackage : "com.example.genlab." + name.replace("-", "");
        if (!SourceVersion.isName(pkg)) {
            throw new UserException("--package '" + pkg + "': not a Java package name (dot-separated identifiers, no keywords)");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UserException("parameter: 'DIR' (" + directory + ") is a file; name a new or empty directory");
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new UserException("parameter: 'DIR' (" + directory + ") is not empty; name a new or empty directory (nothing was written)");
                }
            }
        }
        String camel = camel(name);
        String implementation = camel.endsWith(kind.title) ? camel : camel + kind.title;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("package", pkg);
        values.put("name", name);
        values.put("Name", camel);
        values.put("Class", implementation);
        values.put("kind", kind.label());
        values.put("Kind", kind.title);
        values.put("kindLower", kind.label());
        values.put("Impl", kind.implementation);
        values.put("description", kind.description);
        values.put("artifactId", "genlab-" + name + "-plugin");
        values.put("genlabVersion", genlabVersion());
        values.put("pluginImports", optional(kind.label() + "/pluginImports.txt"));
        values.put("pluginMembers", optional(kind.label() + "/pluginMembers.txt"));

        String main = "src/main/java/" + pkg.replace('.', '/') + "/";
        String test = "src/test/java/" + pkg.replace('.', '/') + "/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", "common/pom.xml");
        files.put(".gitignore", "common/gitignore");
        files.put("README.md", "common/README.md");
        files.put("example.conf", kind.label() + "/example.conf");
        files.put(main + camel + "Plugin.java", "common/Plugin.java");
        files.put(main + camel + "Config.java", kind.label() + "/Config.java");
        files.put(main + implementation + ".java", kind.label() + "/Implementation.java");
        if (kind == Kind.MODEL) {
            files.put(main + "Fitted" + camel + ".java", "model/Fitted.java");
        }
        files.put("src/main/resources/reference.conf", kind.label() + "/reference.conf");
        files.put(test + "Test" + camel + "Plugin.java", kind.label() + "/TestContract.java");
        files.put(test + "Test" + implementation + ".java", kind.label() + "/TestOwn.java");

        Map<Path, String> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            rendered.put(directory.resolve(f.getKey()), render(template(f.getValue()), values));
        }
        rendered.put(directory.resolve("src/main/resources/META-INF/services/dev.genlab.spi." + kind.title + "Plugin"),
                pkg + "." + camel + "Plugin\n");
        for (Map.Entry<Path, String> f : rendered.entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            AtomicFiles.write(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("made " + kind.label() + " plugin '" + name + "' in " + directory + " (package " + pkg + ", genlab " + values.get("genlabVersion") + ")");
        System.out.println("  build and test:  cd " + directory + " && mvn -B verify");
        System.out.println("  use it:          genlab run example.conf --plugins <a directory holding target/" + values.get("artifactId") + "-1.0.0.jar>");
        return Main.OK;
    }

    /** "my-model" to "MyModel". */
    static String camel(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        if (out.contains("{{")) {
            throw new IllegalStateException("a placeholder is left in a new-plugin template: " + out.substring(out.indexOf("{{"), Math.min(out.length(), out.indexOf("{{") + 40)));
        }
        return out;
    }

    private static String template(String path) {
        String text = optional(path);
        if (text.isEmpty()) {
            throw new IllegalStateException("no new-plugin template " + path);
        }
        return text;
    }

    private static String optional(String path) {
        try (InputStream in = NewPluginCommand.class.getResourceAsStream("new-plugin/" + path)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of genlab this command belongs to, which the project pins (written into the jar by the build). */
    static String genlabVersion() {
        Properties p = new Properties();
        try (InputStream in = NewPluginCommand.class.getResourceAsStream("genlab-version.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("genlab-version.properties is missing from genlab-cli", e);
        }
        return p.getProperty("version");
    }
}
