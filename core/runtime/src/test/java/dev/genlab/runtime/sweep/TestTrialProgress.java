package dev.genlab.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genlab.runtime.run.RunListener;
import dev.genlab.spi.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child trial's bars, written to its progress file and read back by the parent as the same bars. */
class TestTrialProgress {
    @TempDir
    Path dir;

    /** What the parent's listener was asked to draw, one string per call. */
    static final class Recording implements RunListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void phase(String description) {
            calls.add("phase " + description);
        }

        @Override
        public Progress progress(String task, long total, String unit) {
            calls.add("open " + task + " " + total + " " + unit);
            return new Progress() {
                @Override
                public void advance(long units) {
                    calls.add("advance " + task + " " + units);
                }

                @Override
                public void status(String text) {
                    calls.add("status " + task + " " + text);
                }

                @Override
                public void close() {
                    calls.add("close " + task);
                }
            };
        }
    }

    @Test
    void barsTravelThroughTheFileWithTheirTotalsAdvancesStatusesAndEnds() throws Exception {
        Path file = dir.resolve("1.progress");
        Recording phases = new Recording();
        RunListener child = TrialProgress.writer(file, phases);
        Recording parent = new Recording();
        TrialProgress.Reader reader = new TrialProgress.Reader(file, parent, "#1 ");

        child.phase("training gan on 240 rows");
        Progress epochs = child.progress("train gan", 3, "epoch");
        reader.poll();
        assertEquals(List.of("open #1 train gan 3 epoch"), parent.calls);
        assertEquals(List.of("phase training gan on 240 rows"), phases.calls, "phases stay in the child (its log)");

        epochs.status("g 0.1\td 0.2");
        epochs.advance(1);
        epochs.advance(2); // the last advance, at the total, is always written
        epochs.close();
        Progress evaluating = child.progress("evaluating", 2, "metric");
        reader.poll();
        reader.finish(); // the child ended with 'evaluating' open
        assertEquals("open #1 train gan 3 epoch", parent.calls.get(0));
        assertEquals("close #1 train gan", parent.calls.get(parent.calls.indexOf("open #1 evaluating 2 metric") - 1));
        long advanced = parent.calls.stream().filter(c -> c.startsWith("advance #1 train gan ")).mapToLong(c -> Long.parseLong(c.substring(c.lastIndexOf(' ') + 1))).sum();
        assertEquals(3, advanced, parent.calls.toString());
        assertEquals("status #1 train gan g 0.1 d 0.2", parent.calls.stream().filter(c -> c.startsWith("status #1 train gan")).reduce((a, b) -> b).orElseThrow(),
                "the last status, a tab in it made a space");
        assertEquals("close #1 evaluating", parent.calls.get(parent.calls.size() - 1), "a bar left open is closed when the child ends");
        evaluating.close();
    }

    @Test
    void aLineStillBeingWrittenWaitsAndAForeignLineIsIgnored() throws Exception {
        Path file = dir.resolve("2.progress");
        Recording parent = new Recording();
        TrialProgress.Reader reader = new TrialProgress.Reader(file, parent, "");
        reader.poll(); // no file yet
        Files.writeString(file, "open\t1\t5\tepoch\ttrain tvae\nsomething\tnew\nat\t1\t2\tloss", StandardCharsets.UTF_8);
        reader.poll();
        assertEquals(List.of("open train tvae 5 epoch"), parent.calls);
        Files.writeString(file, " 0.5\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        reader.poll();
        assertEquals(List.of("open train tvae 5 epoch", "advance train tvae 2", "status train tvae loss 0.5"), parent.calls);
    }
}
