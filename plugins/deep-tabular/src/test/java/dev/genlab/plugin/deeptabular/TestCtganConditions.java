package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCtganConditions {
    @Test
    void conditionalSamplingGivesOnlyRowsWithTheLevel(@TempDir Path work) throws Exception {
        Table train = SmallTables.mixed(600, 9);
        FittedModel fitted = TestDeepModels.model("ctgan", "epochs = 5").fit(train, TestContexts.training(3, work));
        assertTrue(fitted.supportsConditions());
        Table female = fitted.sample(200, 4, Map.of("sex", "Female")).asTable();
        assertEquals(200, female.rowCount());
        int sex = female.schema().requireIndex("sex");
        for (int i = 0; i < female.rowCount(); i++) {
            assertEquals("Female", female.text(sex, i));
        }
        assertEquals(female, fitted.sample(200, 4, Map.of("sex", "Female")), "deterministic for a seed");
        Table both = fitted.sample(50, 4, Map.of("sex", "Female", "colour", "blue")).asTable();
        int colour = both.schema().requireIndex("colour");
        for (int i = 0; i < both.rowCount(); i++) {
            assertEquals("Female", both.text(sex, i));
            assertEquals("blue", both.text(colour, i));
        }
        Path dir = Files.createDirectories(work.resolve("saved"));
        fitted.save(dir);
        FittedModel loaded = TestDeepModels.model("ctgan", "").load(dir);
        assertEquals(female, loaded.sample(200, 4, Map.of("sex", "Female")), "a loaded model samples the same conditioned rows");

        assertEquals("column 'sex' has no level 'Other'; levels: [Male, Female]",
                assertThrows(IllegalArgumentException.class, () -> fitted.sample(5, 1, Map.of("sex", "Other"))).getMessage());
        assertEquals("cannot condition on numeric column 'age'; conditions take categorical columns",
                assertThrows(IllegalArgumentException.class, () -> fitted.sample(5, 1, Map.of("age", "30"))).getMessage());
    }
}
