package dev.genlab.plugin.datasets;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street &amp; Mangasarian 1995; CC BY 4.0, see NOTICE.txt beside the
 * data), as scikit-learn ships it: 569 fine-needle aspirates, 30 features of the cell nuclei, target
 * {@code diagnosis} (malignant/benign). The data records no sex or age (all patients are women), so no column is
 * sensitive by default.
 *
 * <p>The public domain: the source publishes each feature's minimum and maximum rounded to three decimals; the
 * domain widens each by half a unit of the last decimal (never below 0), so it contains the unrounded values. Those
 * published bounds were computed from these same rows (see the plugin's README).
 */
public final class BreastCancerDataset implements Dataset {
    private static final String FILE = "breast-cancer/breast-cancer.csv.gz";
    private static final String DOMAIN_SOURCE = "UCI / scikit-learn breast_cancer description, Summary Statistics (min, max to 3 decimals, "
            + "widened by 0.0005)";
    /** Half a unit of the third decimal, the precision of the published summary. */
    private static final double ROUNDING = 0.0005;
    static final Codebook CODEBOOK = codebook();

    private static Codebook codebook() {
        List<Codebook.Entry> entries = new ArrayList<>(List.of(
            published("mean_radius", 6.981, 28.11),
            published("mean_texture", 9.71, 39.28),
            published("mean_perimeter", 43.79, 188.5),
            published("mean_area", 143.5, 2501.0),
            published("mean_smoothness", 0.053, 0.163),
            published("mean_compactness", 0.019, 0.345),
            published("mean_concavity", 0.0, 0.427),
            published("mean_concave_points", 0.0, 0.201),
            published("mean_symmetry", 0.106, 0.304),
            published("mean_fractal_dimension", 0.05, 0.097),
            published("radius_error", 0.112, 2.873),
            published("texture_error", 0.36, 4.885),
            published("perimeter_error", 0.757, 21.98),
            published("area_error", 6.802, 542.2),
            published("smoothness_error", 0.002, 0.031),
            published("compactness_error", 0.002, 0.135),
            published("concavity_error", 0.0, 0.396),
            published("concave_points_error", 0.0, 0.053),
            published("symmetry_error", 0.008, 0.079),
            published("fractal_dimension_error", 0.001, 0.03),
            published("worst_radius", 7.93, 36.04),
            published("worst_texture", 12.02, 49.54),
            published("worst_perimeter", 50.41, 251.2),
            published("worst_area", 185.2, 4254.0),
            published("worst_smoothness", 0.071, 0.223),
            published("worst_compactness", 0.027, 1.058),
            published("worst_concavity", 0.0, 1.252),
            published("worst_concave_points", 0.0, 0.291),
            published("worst_symmetry", 0.156, 0.664),
            published("worst_fractal_dimension", 0.055, 0.208)));
        entries.add(Codebook.categories("diagnosis", List.of("malignant", "benign")));
        return new Codebook(entries);
    }

    private static Codebook.Entry published(String name, double min, double max) {
        return Codebook.real(name, Math.max(0, min - ROUNDING), max + ROUNDING);
    }

    @Inject
    public BreastCancerDataset() {
    }

    @Override
    public LoadedData load(DatasetContext context) {
        Table table = CODEBOOK.read(FILE);
        table = table.withSchema(table.schema().withTarget("diagnosis"));
        return LoadedData.of(table, "bundled Breast Cancer Wisconsin (Diagnostic), from scikit-learn (" + table.rowCount() + " rows, CC BY 4.0)");
    }

    @Override
    public Optional<PublicDomain> publicDomain() {
        return Optional.of(CODEBOOK.domain(DOMAIN_SOURCE));
    }
}
