package dev.genlab.plugin.deepimage.bench;

import dev.genlab.plugin.deepimage.Digits;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.image.ImageQuality;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Table;
import dev.genlab.testkit.PluginHarness;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains each image model on the digits (80 % train, seed 42) and prints seconds per epoch, sampled images per
 * second and the image-quality metric against the 20 % held out. Arguments: {@code model=settings} pairs, e.g.
 * {@code "vae=epochs = 30"}; with none, the settings of experiments/digits-*.conf.
 */
public final class DeepImageBench {
    private DeepImageBench() {
    }

    public static void main(String[] args) throws Exception {
        String[] runs = args.length > 0 ? args : new String[] {
            "vae=epochs = 60, batch-size = 64, latent-dim = 16, channels = 32",
            "dcgan=epochs = 60, batch-size = 32, latent-dim = 32, grid-every = 0",
            "image-ddpm=epochs = 100, steps = 200, schedule = linear, channels = 32"};
        Table[] split = Digits.split(0.2, 42);
        Table train = split[0];
        Table test = split[1];
        System.out.println("engine " + DjlEngine.describe() + ", threads " + System.getProperty("ai.djl.pytorch.num_threads", "default")
                + ", train " + train.rowCount() + " test " + test.rowCount());
        System.out.printf(Locale.ROOT, "%-11s %6s %8s %9s %8s %8s %8s %9s %7s %7s %7s %9s %8s%n", "model", "epochs", "s/epoch", "images/s",
                "frechet", "fr-train", "fr-noise", "precision", "recall", "density", "cover", "class-cov", "class-tv");
        Path work = Files.createTempDirectory("deep-image-bench");
        for (String run : runs) {
            int eq = run.indexOf('=');
            String model = run.substring(0, eq);
            String settings = "device = cpu\n" + run.substring(eq + 1);
            GenerativeModel m = PluginHarness.create(PluginHarness.descriptor(PluginKind.MODEL, model), settings, GenerativeModel.class);
            TestContexts.RecordingContext context = TestContexts.training(42, Files.createDirectories(work.resolve(model)));
            long t0 = System.nanoTime();
            FittedModel fitted = m.fit(train, context);
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            int epochs = (int) context.metrics().stream().map(TestContexts.LoggedMetric::step).distinct().count();
            long t1 = System.nanoTime();
            Table synthetic = fitted.sample(train.rowCount(), 7).asTable();
            double sampleSeconds = (System.nanoTime() - t1) / 1e9;
            MetricResult q = ImageQuality.evaluate(train, test, synthetic, 42);
            System.out.printf(Locale.ROOT, "%-11s %6d %8.3f %9.0f %8.3f %8.3f %8.3f %9.3f %7.3f %7.3f %7.3f %9.3f %8.3f   (%s)%n", model,
                    epochs, fitSeconds / epochs, synthetic.rowCount() / sampleSeconds, q.get("frechet"), q.get("frechet-train"),
                    q.get("frechet-noise"), q.get("precision"), q.get("recall"), q.get("density"), q.get("coverage"),
                    q.get("class-coverage"), q.get("class-tv"), settings.replace('\n', ' '));
        }
    }
}
