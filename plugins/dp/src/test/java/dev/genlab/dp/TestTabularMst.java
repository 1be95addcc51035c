package dev.genlab.dp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.plugin.datasets.HeartDiseaseConfig;
import dev.genlab.plugin.datasets.HeartDiseaseDataset;
import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestTabularMst {
    @Test
    void heartDiseaseThroughItsPublicDomain() {
        HeartDiseaseDataset dataset = new HeartDiseaseDataset(new HeartDiseaseConfig(false));
        Table real = dataset.load(TestContexts.dataset(Path.of("."))).data().asTable();
        PublicDomain domain = dataset.publicDomain().orElseThrow();
        TabularMst mst = TabularMst.fit(real, domain, 1.0, 1e-6, 16, 42);
        Table synthetic = mst.sample(500, 7);
        assertEquals(500, synthetic.rowCount());
        assertEquals(real.schema(), synthetic.schema(), "heart-disease's levels are its public categories, so the schema is the same");
        assertEquals(List.of(), domain.violations(synthetic, 10));
        assertTrue(mst.epsilonSpent() <= 1.0, "spent " + mst.epsilonSpent());
        assertEquals(real.columnCount() - 1, mst.edges().size(), "a spanning tree over the columns");
        assertEquals(mst.sample(500, 7), synthetic, "the same seed samples the same table");
    }

    @Test
    void codesComeFromTheDomainNotTheData() {
        Map<String, ColumnDomain> d = new LinkedHashMap<>();
        d.put("age", ColumnDomain.range(0, 100));
        d.put("visits", ColumnDomain.range(0, 3).orMissing());
        d.put("sex", ColumnDomain.categories(List.of("M", "F", "X")));
        Table t = Table.of(Schema.of(Column.numeric("age"), Column.integer("visits"), Column.categorical("sex", List.of("F", "M"))),
                List.of(new double[] {5, 99.9, 150}, new double[] {0, Double.NaN, 3}, new int[] {0, 1, 0}));
        DomainCodec codec = new DomainCodec(t.schema(), new PublicDomain(d, "test"), 10);
        assertArrayEquals(new int[] {10, 5, 3}, codec.sizes(), "10 bins; 4 whole numbers and missing; 3 categories");
        int[][] codes = codec.encode(t);
        assertArrayEquals(new int[] {0, 9, 9}, codes[0], "150 is clipped into the last bin");
        assertArrayEquals(new int[] {0, 4, 3}, codes[1]);
        assertArrayEquals(new int[] {1, 0, 1}, codes[2], "codes follow the domain's order M, F, X");
        Table back = codec.decode(codes, 1);
        assertEquals(List.of("F", "M", "X"), back.schema().column("sex").levels(), "the domain's extra category is added");
        assertEquals("F", back.text(2, 0));
        assertTrue(back.isMissing(1, 1));
        assertEquals(3, back.numeric(1, 2), 0);
        assertTrue(back.numeric(0, 0) >= 0 && back.numeric(0, 0) < 10);
        assertEquals("column 'sex' has no public domain; declared: [age, visits]",
                assertThrows(IllegalArgumentException.class, () -> new DomainCodec(t.schema(), new PublicDomain(d, "test").without(List.of("sex")), 10))
                        .getMessage());
    }
}
