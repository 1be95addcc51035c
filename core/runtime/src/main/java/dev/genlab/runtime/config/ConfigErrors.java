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

    private static String render(List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size()).append(problems.size() == 1 ? " error" : " errors").append(" in the experiment:");
        for (ConfigProblem p : problems) {
            sb.append('\n').append(p);
        }
        return sb.toString();
    }
}
