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
 * The diabetes data of Efron, Hastie, Johnstone &amp; Tibshirani 2004 ("Least Angle Regression"), raw and unscaled,
 * as scikit-learn ships it (BSD-3, see NOTICE.txt beside the data): 442 patients, ten baseline variables and the
 * disease {@code progression} one year later (numeric target); sensitive {@code sex} and {@code age-group} (derived
 * from {@code age}). The source codes sex as 1 and 2 without saying which is which, so the levels stay "1" and "2".
 */
public final class DiabetesDataset implements Dataset {
    private static final String FILE = "diabetes/diabetes.csv.gz";
    private static final String DOMAIN_SOURCE = "Efron et al. 2004 / scikit-learn's description (variables and units); numeric bounds "
            + "chosen from the clinical units without looking at the data (plugins/tabular-datasets/README.md)";
    static final Codebook CODEBOOK = new Codebook(List.of(
            Codebook.integer("age", 0, 120),
            Codebook.coded("sex", "1", "1", "2", "2"),
            Codebook.real("bmi", 10, 70),
            Codebook.real("bp", 40, 200),
            Codebook.integer("s1", 0, 1000),
            Codebook.real("s2", 0, 1000),
            Codebook.real("s3", 0, 200),
            Codebook.real("s4", 0, 20),
            Codebook.real("s5", 0, 10),
            Codebook.integer("s6", 0, 600),
            Codebook.integer("progression", 0, 400)));

    @Inject
    public DiabetesDataset() {
    }

    @Override
    public LoadedData load(DatasetContext context) {
        Table table = AgeGroups.append(CODEBOOK.read(FILE), "age");
        table = table.withSchema(table.schema().withTarget("progression").withSensitive(List.of("sex", AgeGroups.COLUMN)));
        return LoadedData.of(table, "bundled diabetes data of Efron et al. 2004, from scikit-learn (" + table.rowCount() + " rows, BSD-3)");
    }

    @Override
    public Optional<PublicDomain> publicDomain() {
        return Optional.of(AgeGroups.append(CODEBOOK.domain(DOMAIN_SOURCE)));
    }
}
