package dev.genlab.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestConfigErrorsOrder {
    @Test
    void problemsPrintByFileAndLineWithOptionsLast() {
        List<ConfigProblem> found = List.of(
                new ConfigProblem("--set #1 (seed=x)", "seed", "a"),
                new ConfigProblem("exp.conf:12", "model.x", "b"),
                new ConfigProblem("base.conf:3", "split.y", "c"),
                new ConfigProblem("exp.conf:2", "dataset.z", "d"),
                new ConfigProblem("-m #1 (seed=1,x)", "seed", "e"));
        assertEquals(List.of("c", "d", "b", "a", "e"), ConfigErrors.sorted(found).stream().map(ConfigProblem::message).toList());
        assertEquals("5 errors in the experiment:\nbase.conf:3: split.y: c\nexp.conf:2: dataset.z: d\nexp.conf:12: model.x: b\n"
                + "--set #1 (seed=x): seed: a\n-m #1 (seed=1,x): seed: e", new ConfigErrors(found).getMessage());
    }
}
