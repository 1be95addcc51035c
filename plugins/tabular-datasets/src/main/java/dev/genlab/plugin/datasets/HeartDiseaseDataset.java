package dev.genlab.plugin.datasets;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * UCI Heart Disease, Cleveland clinic's processed file (Janosi, Steinbrunn, Pfisterer &amp; Detrano 1988; CC BY 4.0,
 * see NOTICE.txt beside the data): 303 patients, 14 attributes; target {@code num} (angiographic disease), sensitive
 * {@code sex} and {@code age-group} (derived from {@code age}). Coded attributes get the codebook's labels; the
 * public domain of every column is in the plugin's README.
 */
public final class HeartDiseaseDataset implements Dataset {
    private static final String FILE = "heart-disease/heart-cleveland.csv.gz";
    private static final String DOMAIN_SOURCE = "UCI heart-disease.names (codes and category sets); numeric bounds chosen from the "
            + "measurement units without looking at the data (plugins/tabular-datasets/README.md)";

    private final HeartDiseaseConfig config;

    @Inject
    public HeartDiseaseDataset(HeartDiseaseConfig config) {
        this.config = config;
    }

    private Codebook codebook() {
        Codebook.Entry num = config.grades()
                ? Codebook.coded("num", "0", "0", "1", "1", "2", "2", "3", "3", "4", "4")
                : Codebook.coded("num", "0", "absent", "1", "present", "2", "present", "3", "present", "4", "present");
        return new Codebook(List.of(
                Codebook.integer("age", 0, 120),
                Codebook.coded("sex", "0.0", "female", "1.0", "male"),
                Codebook.coded("cp", "1.0", "typical-angina", "2.0", "atypical-angina", "3.0", "non-anginal-pain", "4.0", "asymptomatic"),
                Codebook.integer("trestbps", 0, 300),
                Codebook.integer("chol", 0, 1000),
                Codebook.coded("fbs", "0.0", "false", "1.0", "true"),
                Codebook.coded("restecg", "0.0", "normal", "1.0", "st-t-abnormality", "2.0", "lv-hypertrophy"),
                Codebook.integer("thalach", 0, 250),
                Codebook.coded("exang", "0.0", "no", "1.0", "yes"),
                Codebook.real("oldpeak", -10, 10),
                Codebook.coded("slope", "1.0", "upsloping", "2.0", "flat", "3.0", "downsloping"),
                Codebook.integer("ca", 0, 3).orMissing(),
                Codebook.coded("thal", "3.0", "normal", "6.0", "fixed-defect", "7.0", "reversible-defect").orMissing(),
                num));
    }

    @Override
    public LoadedData load(DatasetContext context) {
        Table table = AgeGroups.append(codebook().read(FILE), "age");
        table = table.withSchema(table.schema().withTarget("num").withSensitive(List.of("sex", AgeGroups.COLUMN)));
        return LoadedData.of(table, "bundled UCI Heart Disease, Cleveland processed file (" + table.rowCount() + " rows, CC BY 4.0)");
    }

    @Override
    public Optional<PublicDomain> publicDomain() {
        return Optional.of(AgeGroups.append(codebook().domain(DOMAIN_SOURCE)));
    }
}
