package dev.genlab.plugin.deeptabular;

import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link TestDeterminismAcrossProcesses}: fits the named deep models (arguments after the row
 * count; default all four) at their defaults (2 epochs) on the first Adult rows and prints each logged metric value
 * as the hex of its bits, and a hash of a sample.
 */
public final class DeterminismProbe {
    static final String[] MODELS = {"gan", "ctgan", "tvae", "ddpm"};

    private DeterminismProbe() {
    }

    public static void main(String[] args) throws Exception {
        Table adult = TestTrainingOnAdult.adultRows(Integer.parseInt(args[0]));
        Path work = Files.createTempDirectory("genlab-determinism");
        String[] models = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : MODELS;
        for (String model : models) {
            TestContexts.RecordingContext context = TestContexts.training(7, Files.createDirectories(work.resolve(model)));
            Table sample = TestTrainingOnAdult.atDefaults(model, "epochs = 2").fit(adult, context).sample(200, 3).asTable();
            for (var m : context.metrics()) {
                System.out.println(model + " " + m.key() + " " + m.step() + " " + Long.toHexString(Double.doubleToRawLongBits(m.value())));
            }
            System.out.println(model + " sample " + Integer.toHexString(contentHash(sample)));
        }
    }

    /** A hash of the values only ({@code Table.hashCode} includes the schema's, whose enums hash by identity). */
    static int contentHash(Table t) {
        int h = 1;
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                h = 31 * h + String.valueOf(t.text(c, r)).hashCode();
            }
        }
        return h;
    }
}
