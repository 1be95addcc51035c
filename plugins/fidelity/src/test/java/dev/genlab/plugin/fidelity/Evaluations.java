package dev.genlab.plugin.fidelity;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the metric directly (no runtime) with a recording context whose artifacts land in a directory. */
final class Evaluations {
    private Evaluations() {
    }

    /** What one evaluation returned and wrote. */
    record Outcome(MetricResult result, Path artifacts) {
        List<String> columnsCsv() {
            return lines(Details.COLUMNS);
        }

        List<String> pairsCsv() {
            return lines(Details.PAIRS);
        }

        byte[] bytes(String artifact) {
            try {
                return Files.readAllBytes(artifacts.resolve(artifact));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private List<String> lines(String artifact) {
            return List.of(new String(bytes(artifact), StandardCharsets.UTF_8).split("\n"));
        }
    }

    static Outcome evaluate(FidelityConfig config, Table real, Table synthetic, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MetricResult result = new FidelityMetric(config)
                .evaluate(new EvaluationInput(real, real, synthetic), TestContexts.training(42, directory));
        return new Outcome(result, directory.resolve("artifacts"));
    }
}
