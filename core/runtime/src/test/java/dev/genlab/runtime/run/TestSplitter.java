package dev.genlab.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.genlab.spi.Column;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSplitter {
    private static Table table(int n, int positives) {
        double[] id = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
            y[i] = i < positives ? 1 : 0;
        }
        return Table.of(Schema.of(Column.integer("id"), Column.categorical("y", List.of("no", "yes"))).withTarget("y"), List.of(id, y));
    }

    private static int count(int[] codes, int code) {
        int c = 0;
        for (int x : codes) {
            c += x == code ? 1 : 0;
        }
        return c;
    }

    @Test
    void stratifiedSplitKeepsClassShares() {
        Splitter.Parts parts = Splitter.split(table(1000, 100), 0.3, true, 1);
        Table test = parts.test().asTable();
        assertEquals(300, test.rowCount());
        assertEquals(30, count(test.codes("y"), 1), "exactly 30% of the 100 positives");
        assertEquals(70, count(parts.train().asTable().codes("y"), 1));
    }

    @Test
    void splitIsDeterministicPerSeedAndDisjoint() {
        Table t = table(500, 50);
        Splitter.Parts a = Splitter.split(t, 0.2, false, 5);
        Splitter.Parts b = Splitter.split(t, 0.2, false, 5);
        Splitter.Parts c = Splitter.split(t, 0.2, false, 6);
        assertEquals(a.test(), b.test());
        assertNotEquals(a.test(), c.test());
        java.util.Set<Double> ids = new java.util.HashSet<>();
        for (double d : a.train().asTable().numericColumn("id")) {
            ids.add(d);
        }
        for (double d : a.test().asTable().numericColumn("id")) {
            ids.add(d);
        }
        assertEquals(500, ids.size(), "every row in exactly one part");
    }

    @Test
    void oneDocumentCorpusIsCutByCharacters() {
        Splitter.Parts p = Splitter.split(Corpus.of(List.of("abcdefghij")), 0.3, false, 1);
        assertEquals(List.of("abcdefg"), p.train().asCorpus().documents());
        assertEquals(List.of("hij"), p.test().asCorpus().documents());
    }
}
