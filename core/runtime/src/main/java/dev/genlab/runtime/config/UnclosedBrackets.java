package dev.genlab.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Finds the bracket or quote a HOCON file leaves open or closes wrongly. Typesafe Config reports an unclosed
 * {@code {}} at the end of the file ("expecting a close parentheses ')' here, not: end of file"), naming neither
 * the block nor where it was opened; the user needs the line of the {@code {} and the key it belongs to.
 *
 * <p>Consulted only after Typesafe Config failed to parse the file, so a scan that finds nothing leaves its message
 * as it is. The scan knows HOCON's comments, quoted and triple-quoted strings and substitutions; anything else is
 * key or value text.
 */
final class UnclosedBrackets {
    private UnclosedBrackets() {
    }

    /** An open {@code {} or {@code [}: its line and the key path it belongs to ("" for a list element or the root). */
    private record Open(char bracket, int line, String path) {
    }

    /** The problems of {@code file}'s brackets, quotes and substitutions; empty if it has none (or cannot be read). */
    static List<ConfigProblem> find(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return find(file.toString(), text, true);
    }

    /** The problems of a {@code --set key=value} override, located at the option (it has one line). */
    static List<ConfigProblem> findInOverride(String override) {
        return find("--set " + override, override, false);
    }

    /**
     * @param name where the text comes from; with {@code lines} each problem is located at {@code name:line} and an
     *             unclosed bracket names the line the file ends at
     */
    static List<ConfigProblem> find(String name, String text, boolean lines) {
        String ends = lines ? " (the file ends at line " + lastLine(text) + ")" : "";
        Deque<Open> open = new ArrayDeque<>();
        StringBuilder statement = new StringBuilder(); // the text since the last separator: the key of a '{' or '['
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                statement.setLength(0);
                i++;
            } else if (c == '#' || text.startsWith("//", i)) {
                i = lineEnd(text, i);
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                if (end < 0) {
                    return List.of(problem(at(name, line, lines), open, statement, "this '\"\"\"' string is never closed" + ends
                            + "; add the closing '\"\"\"'"));
                }
                while (end + 3 < text.length() && text.charAt(end + 3) == '"') {
                    end++; // """a"""" is the string a" : the string ends at the last quote of the run
                }
                line += count(text, i, end, '\n');
                statement.append('x');
                i = end + 3;
            } else if (c == '"') {
                int end = quoteEnd(text, i + 1);
                if (end < 0) {
                    return List.of(problem(at(name, line, lines), open, statement, "this quoted string is not closed on its line; add the closing '\"'"
                            + " (a string over several lines goes between \"\"\" and \"\"\")"));
                }
                statement.append(text, i + 1, end);
                i = end + 1;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i);
                if (end < 0 || end > lineEnd(text, i)) {
                    return List.of(problem(at(name, line, lines), open, statement, "this '${' is not closed on its line; add the '}' that ends the substitution"));
                }
                statement.append('x');
                i = end + 1;
            } else if (c == '{' || c == '[') {
                String parent = open.isEmpty() ? "" : open.peek().path();
                String key = key(statement);
                open.push(new Open(c, line, key.isEmpty() ? parent : ConfigNames.join(parent, key)));
                statement.setLength(0);
                i++;
            } else if (c == '}' || c == ']') {
                char opener = c == '}' ? '{' : '[';
                if (open.isEmpty()) {
                    return List.of(new ConfigProblem(at(name, line, lines), null, "'" + c + "' closes nothing (no '" + opener + "' is open here); remove it"));
                }
                Open o = open.pop();
                if (o.bracket() != opener) {
                    return List.of(new ConfigProblem(at(name, line, lines), pathOrNull(o.path()), "'" + c + "' cannot close the '" + o.bracket()
                            + "' opened at line " + o.line() + "; close it with '" + closer(o.bracket()) + "'"));
                }
                statement.setLength(0);
                i++;
            } else {
                if (c == ',') {
                    statement.setLength(0);
                } else {
                    statement.append(c);
                }
                i++;
            }
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (var it = open.descendingIterator(); it.hasNext(); ) { // outermost first, in file order
            Open o = it.next();
            problems.add(new ConfigProblem(at(name, o.line(), lines), pathOrNull(o.path()), "this '" + o.bracket() + "' is never closed" + ends
                    + "; add the '" + closer(o.bracket()) + "' that closes it"));
        }
        return problems;
    }

    private static String at(String name, int line, boolean lines) {
        return lines ? name + ":" + line : name;
    }

    private static ConfigProblem problem(String location, Deque<Open> open, StringBuilder statement, String message) {
        String parent = open.isEmpty() ? "" : open.peek().path();
        String key = key(statement);
        return new ConfigProblem(location, pathOrNull(key.isEmpty() ? parent : ConfigNames.join(parent, key)), message);
    }

    /** The key a statement's text names: {@code model}, {@code a.b =}, {@code list +=} give model, a.b, list. */
    private static String key(StringBuilder statement) {
        String s = statement.toString().strip().replaceFirst("\\s*(\\+=|=|:)$", "").strip();
        return s.matches("[^\\s=:]+") ? s : "";
    }

    private static String pathOrNull(String path) {
        return path.isEmpty() ? null : path;
    }

    private static char closer(char bracket) {
        return bracket == '{' ? '}' : ']';
    }

    /** The index of the quote that ends a string whose text starts at {@code from}, or -1 if the line ends first. */
    private static int quoteEnd(String text, int from) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    private static int lineEnd(String text, int from) {
        int n = text.indexOf('\n', from);
        return n < 0 ? text.length() : n;
    }

    /** The number of the file's last line (a final newline ends a line; it starts none). */
    private static int lastLine(String text) {
        int lines = count(text, 0, text.length(), '\n');
        return text.isEmpty() || text.endsWith("\n") ? Math.max(lines, 1) : lines + 1;
    }

    private static int count(String text, int from, int to, char c) {
        int n = 0;
        for (int j = from; j < to; j++) {
            if (text.charAt(j) == c) {
                n++;
            }
        }
        return n;
    }
}
