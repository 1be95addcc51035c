package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestAdultDataset {
    private static LoadedData load(AdultConfig config) {
        return new AdultDataset(config).load(TestContexts.dataset(Path.of(".")));
    }

    private static int missing(Table t, String column) {
        int i = t.schema().requireIndex(column);
        int n = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            n += t.isMissing(i, r) ? 1 : 0;
        }
        return n;
    }

    @Test
    void loadsBothFilesWithOneSchema() {
        LoadedData data = load(new AdultConfig(AdultConfig.Part.TRAIN, List.of(), Optional.empty()));
        Table train = data.data().asTable();
        Table test = data.test().orElseThrow().asTable();
        assertEquals(32_561, train.rowCount());
        assertEquals(16_281, test.rowCount());
        assertEquals(train.schema(), test.schema());
        assertEquals(List.of("<=50K", ">50K"), train.schema().column("income").levels());
        assertEquals(Optional.of("income"), train.schema().target());
        assertEquals(List.of("sex", "race"), train.schema().sensitive());
        assertTrue(train.schema().column("age").integral());
        // '?' counts per column, from: zcat adult-train.csv.gz | awk -F, 'NR>1{for(i=1;i<=NF;i++) if($i=="?") c[i]++} END{...}'
        assertEquals(1836, missing(train, "workclass"));
        assertEquals(1843, missing(train, "occupation"));
        assertEquals(583, missing(train, "native-country"));
        // label counts, from: zcat adult-*.csv.gz | cut -d, -f15 | sort | uniq -c
        int[] income = train.codes("income");
        int rich = 0;
        for (int c : income) {
            rich += c;
        }
        assertEquals(7841, rich);
        int richTest = 0;
        for (int c : test.codes("income")) {
            richTest += c;
        }
        assertEquals(3846, richTest);
    }

    @Test
    void partsDropsAndLimits() {
        Table all = load(new AdultConfig(AdultConfig.Part.ALL, List.of("fnlwgt"), Optional.of(100))).data().asTable();
        assertEquals(100, all.rowCount());
        assertEquals(14, all.columnCount());
        assertTrue(!all.schema().has("fnlwgt"));
        assertEquals(48_842, load(new AdultConfig(AdultConfig.Part.ALL, List.of(), Optional.empty())).data().size());
    }
}
