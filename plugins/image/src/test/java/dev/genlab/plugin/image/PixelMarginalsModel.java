package dev.genlab.plugin.image;

import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A test-only image model, {@code pixel-marginals} (registered in src/test/resources only): it draws a class with its
 * training frequency, then every pixel independently from that class's training values of the pixel. Its digits are
 * recognisable but speckled, so image-quality should place it between the train reference and noise.
 */
final class PixelMarginalsModel implements GenerativeModel {
    public static final class Plugin implements ModelPlugin {
        @Override
        public String name() {
            return "pixel-marginals";
        }

        @Override
        public String description() {
            return "Test model: a class, then each pixel independently from that class's training values";
        }

        @Override
        public Set<Modality> modalities() {
            return Set.of(Modality.IMAGE);
        }

        @Override
        public Class<? extends GenerativeModel> modelClass() {
            return PixelMarginalsModel.class;
        }
    }

    @jakarta.inject.Inject
    public PixelMarginalsModel() {
    }

    @Override
    public FittedModel fit(Data train, TrainingContext context) {
        Table table = train.asTable();
        return new Fitted(table.schema(), ImagePixels.images(table), table.codes(table.schema().target().orElseThrow()));
    }

    @Override
    public FittedModel load(Path directory) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(directory.resolve("model.ser")))) {
            Table table = DigitsFixture.ALL.head(0);
            return new Fitted(table.schema(), (double[][]) in.readObject(), (int[]) in.readObject());
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    private record Fitted(Schema schema, double[][] images, int[] codes) implements FittedModel {
        @Override
        public Data sample(int n, long seed) {
            SplittableRandom random = Seeds.random(seed, "pixel-marginals");
            int classes = schema.column(schema.target().orElseThrow()).levels().size();
            List<List<double[]>> byClass = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                byClass.add(new ArrayList<>());
            }
            for (int r = 0; r < images.length; r++) {
                byClass.get(codes[r]).add(images[r]);
            }
            double[][] out = new double[n][];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = codes[random.nextInt(codes.length)];
                List<double[]> pool = byClass.get(labels[i]);
                out[i] = new double[images[0].length];
                for (int p = 0; p < out[i].length; p++) {
                    out[i][p] = pool.get(random.nextInt(pool.size()))[p];
                }
            }
            return ImagePixels.table(schema, out, labels);
        }

        @Override
        public void save(Path directory) throws IOException {
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(directory.resolve("model.ser")))) {
                out.writeObject(images);
                out.writeObject(codes);
            }
        }
    }
}
