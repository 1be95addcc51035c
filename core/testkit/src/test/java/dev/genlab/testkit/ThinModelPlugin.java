package dev.genlab.testkit;

import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import dev.genlab.spi.SchemaCodec;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A model for the testkit's own tests: resamples training rows, and samples on a categorical condition by resampling
 * only the rows that meet it. Its fit uses Typesafe Config, a library on the test's class path that its jar does not
 * ship: the contract's run from the jar must find that out.
 */
public final class ThinModelPlugin implements ModelPlugin {
    @Override
    public String name() {
        return "thin-model";
    }

    @Override
    public String description() {
        return "Resamples training rows; uses a dependency it does not ship.";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return ThinModel.class;
    }

    public static final class ThinModel implements GenerativeModel {
        @Override
        public FittedModel fit(Data train, TrainingContext context) {
            // the dependency the jar lacks
            int rows = com.typesafe.config.ConfigFactory.parseString("rows = " + train.size()).getInt("rows");
            return new Resampler(train.asTable(), rows);
        }

        @Override
        public FittedModel load(Path directory) throws IOException {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(directory.resolve("rows.bin")))) {
                Table table = SchemaCodec.readTable(in);
                return new Resampler(table, table.rowCount());
            }
        }
    }

    static final class Resampler implements FittedModel {
        private final Table table;
        private final int rows;

        Resampler(Table table, int rows) {
            this.table = table;
            this.rows = rows;
        }

        @Override
        public Data sample(int n, long seed) {
            return sample(n, seed, Map.of());
        }

        @Override
        public Data sample(int n, long seed, Map<String, String> conditions) {
            int[] eligible = java.util.stream.IntStream.range(0, rows).filter(r -> conditions.entrySet().stream()
                    .allMatch(c -> c.getValue().equals(table.text(table.schema().requireIndex(c.getKey()), r)))).toArray();
            if (eligible.length == 0) {
                throw new IllegalArgumentException("no training row meets " + conditions);
            }
            SplittableRandom random = new SplittableRandom(seed);
            int[] picked = new int[n];
            for (int i = 0; i < n; i++) {
                picked[i] = eligible[random.nextInt(eligible.length)];
            }
            return table.rows(picked);
        }

        @Override
        public boolean supportsConditions() {
            return true;
        }

        @Override
        public void save(Path directory) throws IOException {
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(directory.resolve("rows.bin")))) {
                SchemaCodec.writeTable(table, out);
            }
        }
    }
}
