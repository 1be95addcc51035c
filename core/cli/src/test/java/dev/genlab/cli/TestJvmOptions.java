package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code bin/genlab} starts java with genlab's own JVM options from {@code bin/jvm.options}, and
 * {@code GENLAB_JAVA_OPTS} overrides them. A real script and a real JVM, asked for its final flag values
 * ({@code -XX:+PrintFlagsFinal}).
 */
class TestJvmOptions {
    static final Path OPTIONS = ChildMaven.ROOT.resolve("core/cli/bin/jvm.options");

    @TempDir
    Path dir;

    @Test
    void theLauncherPassesEveryOptionOfTheFile() throws Exception {
        List<String> options = options();
        assertFalse(options.isEmpty(), "jvm.options has options");
        Map<String, String> flags = flags("");
        for (String option : options) {
            Matcher m = Pattern.compile("-XX:(\\w+)=(\\S+)").matcher(option);
            assertTrue(m.matches(), "a flag with a value: " + option);
            assertEquals(m.group(2), flags.get(m.group(1)), option + " in force");
        }
    }

    @Test
    void genlabJavaOptsOverridesTheFile() throws Exception {
        String option = options().get(0);
        String name = option.substring("-XX:".length(), option.indexOf('='));
        String other = Long.toString(Long.parseLong(option.substring(option.indexOf('=') + 1)) + 1);
        assertEquals(other, flags("-XX:" + name + "=" + other).get(name));
    }

    /** The lines of jvm.options that are options. */
    static List<String> options() throws Exception {
        return Files.readAllLines(OPTIONS).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The JVM's final flags when the launcher runs {@code genlab --help} with {@code GENLAB_JAVA_OPTS} as given. */
    private Map<String, String> flags(String javaOpts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", ChildMaven.ROOT.resolve("core/cli/bin/genlab").toString(), "--help").directory(dir.toFile());
        pb.environment().put("GENLAB_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("GENLAB_JAVA_OPTS", ("-XX:+PrintFlagsFinal " + javaOpts).strip());
        pb.environment().put("TMPDIR", dir.toString());
        pb.environment().put("PATH", Path.of(ChildJvm.java()).getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
        Path out = dir.resolve("out.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "genlab --help ended");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
        Map<String, String> flags = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*\\w+\\s+(\\w+)\\s+:?=\\s+(\\S+)").matcher(Files.readString(out));
        while (m.find()) {
            flags.put(m.group(1), m.group(2));
        }
        assertTrue(flags.size() > 100, "PrintFlagsFinal's table on stdout");
        return flags;
    }
}
