package dev.genlab.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --unset} and {@code --set key=null} reach keys inside blocks that are substitutions. */
class TestOverrides {
    private static final String FILE = """
            vars { base { type = copula, min-eigenvalue = 0.001, clip-to-range = false } }
            model = ${vars.base}
            model.min-acceptance-rate = 0.01
            dataset = ${vars.data}
            vars.data { type = adult, max-rows = 500 }
            """;

    private static Config parse() {
        return ConfigFactory.parseString(FILE, ConfigParseOptions.defaults().setOriginDescription("exp.conf"));
    }

    private static Config apply(Problems problems, List<String> sets, String... unsets) {
        return Overrides.apply(parse(), sets, List.of(unsets), problems).resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    }

    @Test
    void unsetRemovesAKeyFromASubstitutedBlockAndOnlyThere() {
        Problems problems = new Problems();
        // model = ${vars.base} merged with a key of its own; dataset = ${vars.data}, defined after the substitution
        Config c = apply(problems, List.of(), "model.min-eigenvalue", "dataset.max-rows");
        assertTrue(problems.isEmpty(), problems.list().toString());
        assertFalse(c.hasPath("model.min-eigenvalue"));
        assertFalse(c.hasPath("dataset.max-rows"));
        assertEquals("copula", c.getString("model.type"));
        assertFalse(c.getBoolean("model.clip-to-range"));
        assertEquals(0.01, c.getDouble("model.min-acceptance-rate"));
        assertEquals("adult", c.getString("dataset.type"));
        assertEquals(0.001, c.getDouble("vars.base.min-eigenvalue"), "the block substituted stays as it is");
        // values keep their origins (genlab config shows them)
        assertEquals("exp.conf: 1", c.getValue("model.type").origin().description());
    }

    @Test
    void setsOfTheSubstitutedBlockStillReachIt() {
        Problems problems = new Problems();
        Config c = apply(problems, List.of("vars.base.clip-to-range=true", "model.min-eigenvalue=0.5"), "model.min-eigenvalue");
        assertTrue(problems.isEmpty(), problems.list().toString());
        assertTrue(c.getBoolean("model.clip-to-range"), "a --set of the substituted block after an --unset inside it");
        assertEquals(0.5, c.getDouble("model.min-eigenvalue"), "a --set after the --unset puts the key back");
    }

    @Test
    void setNullRemovesFromASubstitutedBlockToo() {
        Problems problems = new Problems();
        Config c = apply(problems, List.of("model.min-eigenvalue=null"));
        assertTrue(problems.isEmpty(), problems.list().toString());
        assertFalse(c.hasPath("model.min-eigenvalue"));
        assertEquals("copula", c.getString("model.type"));
    }

    @Test
    void unknownKeyInASubstitutedBlockNamesTheKeysThere() {
        Problems problems = new Problems();
        Overrides.apply(parse(), List.of(), List.of("model.min-eigenvalu"), problems);
        assertEquals(List.of("--unset #1 (model.min-eigenvalu): model.min-eigenvalu: no such key in the experiment to remove;"
                + " did you mean 'min-eigenvalue'? (keys there: clip-to-range, min-acceptance-rate, min-eigenvalue, type)"),
                problems.list().stream().map(Object::toString).toList());
    }
}
