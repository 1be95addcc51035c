package dev.genlab.runtime.config;

import dev.genlab.runtime.UserException;
import java.util.List;

/** Every problem found in an experiment, reported together. */
public final class ConfigErrors extends UserException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigErrors(List<ConfigProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static final java.util.regex.Pattern FILE_LINE = java.util.regex.Pattern.compile("(.*):(\\d+)");

    /**
     * By file and line (a file's problems together, top to bottom); problems located at an option ({@code --set #2 (...)})
     * or without a line keep their order, after the files'.
     */
    static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        List<ConfigProblem> out = new java.util.ArrayList<>(problems);
        out.sort(java.util.Comparator.comparing((ConfigProblem p) -> !FILE_LINE.matcher(p.location()).matches())
                .thenComparing(p -> {
                    java.util.regex.Matcher m = FILE_LINE.matcher(p.location());
                    return m.matches() ? m.group(1) : "";
                })
                .thenComparingLong(p -> {
                    java.util.regex.Matcher m = FILE_LINE.matcher(p.location());
                    return m.matches() ? Long.parseLong(m.group(2)) : 0;
                }));
        return out;
    }

    private static String render(List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size()).append(problems.size() == 1 ? " error" : " errors").append(" in the experiment:");
        for (ConfigProblem p : sorted(problems)) {
            sb.append('\n').append(p);
        }
        return sb.toString();
    }
}
