package dev.genlab.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.config.ConfigErrors;
import dev.genlab.runtime.config.ConfigProblem;
import dev.genlab.runtime.plugin.PluginJars;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPI's validation hooks, with a third party's model and dataset in a real jar: {@code GenerativeModel.check} and
 * {@code Dataset.check} run during validation and their problems come back located at {@code file:line: key};
 * a dataset draws its rows from the run's seed.
 */
class TestPluginChecks {
    @TempDir
    static Path work;

    static Genlab genlab;

    @BeforeAll
    static void buildPlugins() throws Exception {
        Path classes = PluginJars.compile(work, "checked", Map.of("com.example.checked.Checked", SOURCE), PluginJars.spi(), true);
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJars.jar(plugins.resolve("checked.jar"), classes, Map.of(
                "META-INF/services/dev.genlab.spi.ModelPlugin", "com.example.checked.Checked$ModelPlugin\n",
                "META-INF/services/dev.genlab.spi.DatasetPlugin", "com.example.checked.Checked$DatasetPlugin\n",
                "reference.conf", """
                        genlab.model.picky {
                          # The column the model needs.
                          column = x
                        }
                        genlab.dataset.seeded {
                          # Rows to draw.
                          rows = 40
                          # Columns to keep.
                          keep = [x, group]
                        }
                        """));
        genlab = new Genlab(PluginRegistry.discover(List.of(plugins)));
    }

    private static ConfigErrors invalid(String name, String text) throws Exception {
        Path file = Files.writeString(work.resolve(name), text);
        return assertThrows(ConfigErrors.class, () -> genlab.prepare(file, List.of(), RunListener.SILENT));
    }

    @Test
    void aModelChecksItsSettingsAgainstTheTrainingData() throws Exception {
        ConfigErrors e = invalid("model.conf", "dataset { type = seeded }\nmetrics = []\nmodel {\n  type = picky\n  column = nosuch\n}\n");
        assertEquals(List.of(new ConfigProblem(work.resolve("model.conf") + ":5", "model.column",
                "no column 'nosuch' in the training data (columns: x, group)")), e.problems());
    }

    @Test
    void aDatasetChecksItsSettingsAgainstTheDataItLoaded() throws Exception {
        ConfigErrors e = invalid("dataset.conf", "dataset {\n  type = seeded\n  keep = [x, y]\n}\nmodel { type = picky }\nmetrics = []\n");
        assertEquals(List.of(new ConfigProblem(work.resolve("dataset.conf") + ":3", "dataset.keep",
                "keeps 'y', which the data does not have (columns: x, group)")), e.problems());
    }

    @Test
    void aDatasetDrawsItsRowsFromTheRunsSeed() throws Exception {
        Table seven = load(7);
        assertEquals(seven, load(7), "one seed, one table");
        assertNotEquals(seven, load(8), "another seed, another table");
        double expected = Seeds.random(Seeds.derive(7, "dataset"), "rows").nextDouble();
        assertEquals(expected, seven.numeric(0, 0), "the first x is the first draw of the dataset's 'rows' stream under the run's seed");
    }

    private static Table load(long seed) throws Exception {
        Path file = Files.writeString(work.resolve("seed-" + seed + ".conf"), "seed = " + seed
                + "\ndataset { type = seeded }\nmodel { type = picky }\nmetrics = []\n");
        return genlab.prepare(file, List.of(), RunListener.SILENT).data().data().asTable();
    }

    private static final String SOURCE = """
            package com.example.checked;

            import dev.genlab.spi.*;
            import jakarta.inject.Inject;
            import java.nio.file.Path;
            import java.util.*;

            public final class Checked {
                public record PickyConfig(String column) {
                }

                public record SeededConfig(int rows, List<String> keep) {
                }

                public static final class ModelPlugin implements dev.genlab.spi.ModelPlugin {
                    public String name() { return "picky"; }
                    public String description() { return "needs a column"; }
                    public Set<Modality> modalities() { return Set.of(Modality.TABULAR); }
                    public Class<? extends Record> configClass() { return PickyConfig.class; }
                    public Class<? extends GenerativeModel> modelClass() { return PickyModel.class; }
                }

                public static final class PickyModel implements GenerativeModel {
                    private final PickyConfig config;

                    @Inject
                    public PickyModel(PickyConfig config) {
                        this.config = config;
                    }

                    public void check(Data train, DataProblems problems) {
                        Schema schema = train.asTable().schema();
                        if (!schema.has(config.column())) {
                            problems.setting("column", "no column '" + config.column() + "' in the training data (columns: "
                                    + String.join(", ", schema.names()) + ")");
                        }
                    }

                    public FittedModel fit(Data train, TrainingContext context) {
                        throw new UnsupportedOperationException("validation only");
                    }

                    public FittedModel load(Path directory) {
                        throw new UnsupportedOperationException("validation only");
                    }
                }

                public static final class DatasetPlugin implements dev.genlab.spi.DatasetPlugin {
                    public String name() { return "seeded"; }
                    public String description() { return "rows drawn from the run's seed"; }
                    public Set<Modality> modalities() { return Set.of(Modality.TABULAR); }
                    public Class<? extends Record> configClass() { return SeededConfig.class; }
                    public Class<? extends Dataset> datasetClass() { return SeededDataset.class; }
                }

                public static final class SeededDataset implements Dataset {
                    private final SeededConfig config;

                    @Inject
                    public SeededDataset(SeededConfig config) {
                        this.config = config;
                    }

                    public LoadedData load(DatasetContext context) {
                        SplittableRandom random = context.random("rows");
                        double[] x = new double[config.rows()];
                        int[] group = new int[config.rows()];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = random.nextDouble();
                            group[i] = i % 2;
                        }
                        Schema schema = Schema.of(Column.numeric("x"), Column.categorical("group", List.of("a", "b")));
                        return LoadedData.of(Table.of(schema, List.of(x, group)), "drawn with seed " + context.seed());
                    }

                    public void check(Data data, DataProblems problems) {
                        for (String column : config.keep()) {
                            if (!data.asTable().schema().has(column)) {
                                problems.setting("keep", "keeps '" + column + "', which the data does not have (columns: "
                                        + String.join(", ", data.asTable().schema().names()) + ")");
                            }
                        }
                    }
                }
            }
            """;
}
