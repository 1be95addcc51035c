package dev.genlab.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code include required(...)} of a file that is not there. Typesafe Config reports it without the
 * including line and speaks of the classpath (where it looks last); the user needs the line and the directory a
 * relative include is read from.
 */
final class MissingIncludes {
    /** {@code include required("x")} or {@code include required(file("x"))}; classpath and url includes are left to Typesafe. */
    private static final Pattern REQUIRED = Pattern.compile("\\binclude\\s+required\\s*\\(\\s*(?:file\\s*\\(\\s*)?\"([^\"]+)\"");

    private MissingIncludes() {
    }

    /** The first required include, in {@code file} or the files it includes, whose file does not exist. */
    static Optional<ConfigProblem> find(Path file) {
        Deque<Path> queue = new ArrayDeque<>(List.of(file));
        Set<Path> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Path f = queue.removeFirst();
            if (!seen.add(f.toAbsolutePath().normalize())) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(f);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            Path dir = f.toAbsolutePath().normalize().getParent();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = REQUIRED.matcher(lines.get(i));
                while (m.find()) {
                    Path included = dir.resolve(m.group(1)).normalize();
                    if (!Files.isRegularFile(included)) {
                        return Optional.of(new ConfigProblem(f + ":" + (i + 1), "include",
                                (Files.isDirectory(included) ? "'" + m.group(1) + "' is a directory" : "no such file '" + m.group(1) + "'")
                                        + " (looked in " + included.getParent() + ")"));
                    }
                    queue.addLast(included);
                }
            }
        }
        return Optional.empty();
    }
}
