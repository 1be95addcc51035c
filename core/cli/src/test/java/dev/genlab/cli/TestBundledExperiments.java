package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every experiment file shipped in {@code experiments/} validates against the plugins this distribution bundles:
 * a renamed plugin or config key breaks the build, not a user's first run.
 */
class TestBundledExperiments {
    @TestFactory
    Stream<DynamicTest> everyExperimentValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(TestCli.EXPERIMENTS)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "expected the bundled experiments in " + TestCli.EXPERIMENTS + ", found " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            TestCli.Result r = TestCli.genlab("validate", f.toString());
            assertEquals(0, r.exitCode(), r.out() + r.err());
        }));
    }
}
