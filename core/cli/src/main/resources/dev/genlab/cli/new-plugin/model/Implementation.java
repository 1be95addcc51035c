package {{package}};

import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Progress;
import dev.genlab.spi.SchemaCodec;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Built by genlab for each run with constructor injection: it receives its config record. It learns nothing but the
 * training rows; each sampled column is drawn independently from that column's training values (so it keeps the
 * marginals and loses every relation between columns). Replace it with your model.
 */
public final class {{Class}} implements GenerativeModel {
    private final {{Name}}Config config;

    @Inject
    public {{Class}}({{Name}}Config config) {
        this.config = config;
    }

    /** Called by 'genlab validate' and 'genlab run' before training; problems are located in the experiment file. */
    @Override
    public void check(Data train, DataProblems problems) {
        if (train.size() < 2 && config.noise() > 0) {
            problems.setting("noise", "needs at least 2 training rows to scale the noise by a column's spread; set noise = 0");
        }
    }

    /** This model never samples on conditions; saying so here makes 'genlab validate' refuse sample.conditions. */
    @Override
    public boolean supportsConditions(Data train) {
        return false;
    }

    @Override
    public FittedModel fit(Data train, TrainingContext context) {
        Table table = train.asTable();
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("{{name}} needs at least one training row");
        }
        try (Progress progress = context.progress("fit", 1, "step")) {
            context.checkCancelled();
            context.logMetric("training_rows", table.rowCount(), 0);
            progress.advance(1);
        }
        return new Fitted{{Name}}(table, config.noise());
    }

    @Override
    public FittedModel load(Path directory) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(directory.resolve(Fitted{{Name}}.FILE)))) {
            double noise = in.readDouble();
            return new Fitted{{Name}}(SchemaCodec.readTable(in), noise);
        }
    }
}
