package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bundled health datasets. Expected counts come from the gzipped source files, not from this code:
 * {@code python3 -c "import csv,gzip,collections; ..."} counting rows, header fields, '?' per column, labels and
 * ten-year age groups.
 */
class TestHealthDatasets {
    private static Table load(Dataset dataset) {
        LoadedData loaded = dataset.load(TestContexts.dataset(Path.of(".")));
        assertTrue(loaded.test().isEmpty(), "no provided test set");
        return loaded.data().asTable();
    }

    private static int count(Table t, String column, String level) {
        int code = t.schema().column(column).codeOf(level);
        assertTrue(code >= 0, column + " has level " + level);
        int n = 0;
        for (int c : t.codes(column)) {
            n += c == code ? 1 : 0;
        }
        return n;
    }

    private static int missing(Table t, String column) {
        int i = t.schema().requireIndex(column);
        int n = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            n += t.isMissing(i, r) ? 1 : 0;
        }
        return n;
    }

    /** Every value inside the declared domain, which covers exactly the loaded columns. */
    private static void insideItsDomain(Dataset dataset, Table table) {
        PublicDomain domain = dataset.publicDomain().orElseThrow();
        assertEquals(table.schema().names(), List.copyOf(domain.columns().keySet()), "a domain for every column, in order");
        assertEquals(List.of(), domain.violations(table, 20));
        for (Column c : table.schema().columns()) {
            if (c.isCategorical()) {
                assertEquals(Set.copyOf(domain.column(c.name()).levels()), Set.copyOf(c.levels()), c.name() + ": the schema's levels are the public categories");
            }
        }
    }

    @Test
    void heartDisease() {
        HeartDiseaseDataset dataset = new HeartDiseaseDataset(new HeartDiseaseConfig(false));
        Table t = load(dataset);
        assertEquals(303, t.rowCount());
        assertEquals(14 + 1, t.columnCount(), "14 source attributes and the derived age-group");
        assertEquals(Optional.of("num"), t.schema().target());
        assertEquals(List.of("sex", "age-group"), t.schema().sensitive());
        assertEquals(List.of("absent", "present"), t.schema().column("num").levels());
        assertEquals(164, count(t, "num", "absent"));
        assertEquals(55 + 36 + 35 + 13, count(t, "num", "present"));
        assertEquals(206, count(t, "sex", "male"));
        assertEquals(97, count(t, "sex", "female"));
        assertEquals(4, missing(t, "ca"));
        assertEquals(2, missing(t, "thal"));
        assertEquals(15, count(t, "age-group", "<40"));
        assertEquals(72, count(t, "age-group", "40-49"));
        assertEquals(125, count(t, "age-group", "50-59"));
        assertEquals(81, count(t, "age-group", "60-69"));
        assertEquals(10, count(t, "age-group", "70+"));
        // the first source row: 63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,0.0,6.0,0
        assertEquals("63", t.text(0, 0));
        assertEquals("typical-angina", t.text(t.schema().requireIndex("cp"), 0));
        assertEquals("2.3", t.text(t.schema().requireIndex("oldpeak"), 0));
        assertEquals("fixed-defect", t.text(t.schema().requireIndex("thal"), 0));
        assertEquals("60-69", t.text(t.schema().requireIndex("age-group"), 0));
        insideItsDomain(dataset, t);
        assertTrue(dataset.publicDomain().orElseThrow().column("ca").mayBeMissing());
        assertEquals(ColumnDomain.range(0, 120), dataset.publicDomain().orElseThrow().column("age"));
    }

    @Test
    void heartDiseaseGrades() {
        HeartDiseaseDataset dataset = new HeartDiseaseDataset(new HeartDiseaseConfig(true));
        Table t = load(dataset);
        assertEquals(List.of("0", "1", "2", "3", "4"), t.schema().column("num").levels());
        assertEquals(13, count(t, "num", "4"));
        insideItsDomain(dataset, t);
    }

    @Test
    void breastCancer() {
        BreastCancerDataset dataset = new BreastCancerDataset();
        Table t = load(dataset);
        assertEquals(569, t.rowCount());
        assertEquals(31, t.columnCount());
        assertEquals(Optional.of("diagnosis"), t.schema().target());
        assertEquals(List.of(), t.schema().sensitive(), "the data records no sex or age");
        assertEquals(212, count(t, "diagnosis", "malignant"));
        assertEquals(357, count(t, "diagnosis", "benign"));
        assertEquals(17.99, t.numeric(0, 0), 0, "first row's mean_radius");
        // published minimum of mean smoothness is 0.053 (3 decimals); the data's is 0.05263, inside the widened bound
        assertEquals(0.0525, dataset.publicDomain().orElseThrow().column("mean_smoothness").min(), 1e-12);
        insideItsDomain(dataset, t);
    }

    @Test
    void diabetes() {
        DiabetesDataset dataset = new DiabetesDataset();
        Table t = load(dataset);
        assertEquals(442, t.rowCount());
        assertEquals(11 + 1, t.columnCount(), "11 source columns and the derived age-group");
        assertEquals(Optional.of("progression"), t.schema().target());
        assertTrue(t.schema().column("progression").isNumeric());
        assertEquals(List.of("sex", "age-group"), t.schema().sensitive());
        assertEquals(235, count(t, "sex", "1"));
        assertEquals(207, count(t, "sex", "2"));
        assertEquals(117, count(t, "age-group", "<40"));
        assertEquals(13, count(t, "age-group", "70+"));
        assertEquals(151, t.numeric(t.schema().requireIndex("progression"), 0), 0);
        insideItsDomain(dataset, t);
    }

    @Test
    void adultDeclaresADomainForEveryColumnItLoads() {
        AdultDataset all = new AdultDataset(new AdultConfig(AdultConfig.Part.ALL, List.of(), Optional.empty()));
        Table t = load(all);
        assertEquals(48_842, t.rowCount());
        insideItsDomain(all, t);
        AdultDataset dropped = new AdultDataset(new AdultConfig(AdultConfig.Part.TRAIN, List.of("fnlwgt"), Optional.empty()));
        assertEquals(dropped.load(TestContexts.dataset(Path.of("."))).data().asTable().schema().names(), List.copyOf(dropped.publicDomain().orElseThrow().columns().keySet()));
    }

    @Test
    void ageGroupsAreTenYearsWide() {
        assertEquals(0, AgeGroups.group(39.9));
        assertEquals(1, AgeGroups.group(40));
        assertEquals(3, AgeGroups.group(69));
        assertEquals(4, AgeGroups.group(70));
        assertEquals(4, AgeGroups.group(101));
        assertEquals(Table.MISSING_CODE, AgeGroups.group(Double.NaN));
    }
}
