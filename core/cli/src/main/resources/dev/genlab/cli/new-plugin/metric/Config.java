package {{package}};

import java.util.List;

/**
 * Settings of {@code {{name}}}: each component is one key of the metric's block in {@code metrics = [{ type = {{name}}, … }]}
 * (kebab case), beside the keys genlab reserves there ({@code type}, and {@code name} to use a metric twice).
 *
 * @param columns the numeric columns to compare; empty for all of them
 */
public record {{Name}}Config(List<String> columns) {
    public {{Name}}Config {
        columns = List.copyOf(columns);
    }
}
