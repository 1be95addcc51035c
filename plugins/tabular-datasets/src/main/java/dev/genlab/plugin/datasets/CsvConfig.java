package dev.genlab.plugin.datasets;

import dev.genlab.spi.PluginConfigException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@code csv} dataset.
 *
 * @param path          the CSV file, relative to the experiment file
 * @param delimiter     the field separator, one character
 * @param header        whether the first line names the columns (else they are named column1, column2, …)
 * @param missing       tokens read as missing values
 * @param columns       declared column kinds (numeric, integer, categorical); undeclared columns are inferred
 * @param maxCategories most distinct values a categorical column may have
 */
public record CsvConfig(String path, String delimiter, boolean header, List<String> missing, Map<String, ColumnKind> columns, int maxCategories) {
    public CsvConfig {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(delimiter, "delimiter is null");
        Objects.requireNonNull(missing, "missing is null");
        Objects.requireNonNull(columns, "columns is null");
        if (path.isBlank()) {
            throw new PluginConfigException("path", "must name a CSV file");
        }
        if (delimiter.length() != 1 || delimiter.equals("\"") || delimiter.equals("\n") || delimiter.equals("\r")) {
            throw new PluginConfigException("delimiter", "must be one character other than a quote or line break, got \"" + delimiter + "\"");
        }
        if (maxCategories < 1) {
            throw new PluginConfigException("max-categories", "must be at least 1, got " + maxCategories);
        }
        missing = List.copyOf(missing);
        columns = Map.copyOf(columns);
    }
}
