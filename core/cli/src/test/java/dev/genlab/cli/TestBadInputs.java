package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's promise for user errors, over a corpus of bad inputs: exit 2, a message located at {@code file:line}
 * (or naming the option) that contains the expected text, no stack trace, and nothing written.
 *
 * <p>Each {@code bad-inputs/*.case} file is one case:
 * <pre>
 * args: validate {dir}/exp.conf          (optional; default: run {dir}/exp.conf --runs {runs})
 * expect: exp.conf:3: sample.rows: must be at least 1   (one or more; each must appear in the error output)
 * === exp.conf                           (files of the case, written to {dir}; "=== name hex" takes hex bytes,
 *                                        "=== name symlink target" makes a symbolic link)
 * ...
 * </pre>
 * Arguments are split on spaces; {@code {dir}} is the case's directory (also in the text of the files) and {@code {runs}} a
 * run store inside it.
 */
class TestBadInputs {
    static final Path CASES = Path.of("src/test/resources/bad-inputs");

    /** Where a message points: a file and line, a data file as a whole (an empty one), an option, or the argument. */
    private static final Pattern LOCATED = Pattern.compile("[\\w.-]+\\.(conf|csv|txt):\\d+: "
            + "|[\\w.-]+\\.(csv|txt): "
            + "|(^|[\\s'])--[a-z]+"
            + "|(^|\\s)-m #\\d+ \\("
            + "|parameter: '[A-Z]+'|arguments? (at|from) index \\d+: '");

    @TempDir
    Path dir;

    record Case(String name, List<String> args, List<String> expected, List<CaseFile> files) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A file to write (text, or bytes given in hex), or with {@code link} a symbolic link to create. */
    record CaseFile(String name, String text, byte[] bytes, String link) {
    }

    static Stream<Case> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".case")).sorted().map(TestBadInputs::read).toList().stream();
        }
    }

    static Case read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.case$", "");
        List<String> args = List.of("run", "{dir}/exp.conf", "--runs", "{runs}");
        List<String> expected = new ArrayList<>();
        List<CaseFile> files = new ArrayList<>();
        String current = null;
        String mode = "";
        StringBuilder content = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("=== ")) {
                if (current != null) {
                    files.add(file(current, content, mode));
                }
                String[] header = line.substring(4).trim().split(" ", 2);
                current = header[0];
                mode = header.length > 1 ? header[1] : "";
                content.setLength(0);
            } else if (current != null) {
                content.append(line).append('\n');
            } else if (line.startsWith("args:")) {
                args = List.of(line.substring(5).trim().split(" +"));
            } else if (line.startsWith("expect:")) {
                expected.add(line.substring(7).trim());
            } else if (!line.isBlank() && !line.startsWith("#")) {
                throw new IllegalArgumentException(file + ": unexpected line before the files: " + line);
            }
        }
        if (current != null) {
            files.add(file(current, content, mode));
        }
        if (expected.isEmpty()) {
            throw new IllegalArgumentException(file + ": no 'expect:' line");
        }
        return new Case(name, args, expected, files);
    }

    private static CaseFile file(String name, StringBuilder content, String mode) {
        if (mode.startsWith("symlink ")) {
            return new CaseFile(name, null, null, mode.substring(8).trim());
        }
        if (mode.equals("hex")) {
            return new CaseFile(name, null, HexFormat.of().parseHex(content.toString().replaceAll("\\s", "")), null);
        }
        return new CaseFile(name, content.toString(), null, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAUserErrorLocatedWithNothingWritten(Case c) throws IOException {
        Path caseDir = dir.resolve(c.name());
        Files.createDirectories(caseDir);
        for (CaseFile f : c.files()) {
            Path p = caseDir.resolve(f.name());
            Files.createDirectories(p.getParent());
            if (f.link() != null) {
                Files.createSymbolicLink(p, Path.of(f.link()));
            } else if (f.bytes() != null) {
                Files.write(p, f.bytes());
            } else {
                Files.writeString(p, f.text().replace("{dir}", caseDir.toString()), StandardCharsets.UTF_8);
            }
        }
        Set<String> before = listing(caseDir);
        Path runs = caseDir.resolve("runs");
        String[] args = c.args().stream().map(a -> a.replace("{dir}", caseDir.toString()).replace("{runs}", runs.toString())).toArray(String[]::new);

        TestCli.Result r = TestCli.genlab(args);

        String all = r.out() + r.err();
        assertEquals(2, r.exitCode(), "exit code of genlab " + String.join(" ", args) + "\n" + all);
        for (String expected : c.expected()) {
            String fragment = expected.replace("{dir}", caseDir.toString());
            assertTrue(r.err().contains(fragment), "expected «" + fragment + "» in:\n" + r.err());
            String line = r.err().lines().filter(l -> l.contains(fragment)).findFirst().orElseThrow();
            assertTrue(LOCATED.matcher(line).find(), "not located at file:line nor naming an option: " + line);
        }
        int at = -1;
        for (String expected : c.expected()) { // in the order the case lists them: problems print by file and line
            int next = r.err().indexOf(expected.replace("{dir}", caseDir.toString()));
            assertTrue(next > at, "«" + expected + "» out of order in:\n" + r.err());
            at = next;
        }
        assertFalse(all.contains("Exception"), "an exception's name in the output:\n" + all);
        assertFalse(all.contains("\tat "), "a stack trace in the output:\n" + all);
        assertFalse(all.contains("--verbose for the stack trace"), "reported as a failure, not a user error:\n" + all);
        Set<String> after = listing(caseDir);
        after.removeIf(p -> p.equals("runs"));
        assertEquals(before, after, "files written next to the experiment");
        if (Files.isDirectory(runs)) {
            try (Stream<Path> s = Files.list(runs)) {
                assertEquals(List.of(), s.toList(), "runs written to " + runs);
            }
        }
    }

    private static Set<String> listing(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) { // symbolic links are listed, not followed
            Set<String> out = new TreeSet<>();
            s.filter(p -> !p.equals(root)).forEach(p -> out.add(root.relativize(p).toString()));
            return out;
        }
    }
}
