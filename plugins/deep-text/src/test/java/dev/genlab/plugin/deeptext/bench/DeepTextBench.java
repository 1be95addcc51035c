package dev.genlab.plugin.deeptext.bench;

import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.TextLikelihood;
import dev.genlab.testkit.PluginHarness;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Trains a model on Tiny Shakespeare's speeches (every 10th held out) and prints epochs/s, training characters/s,
 * held-out perplexity against the character-unigram baseline, and a few samples. Not a test. From
 * {@code plugins/deep-text}:
 *
 * <pre>
 * mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Dai.djl.pytorch.num_threads=2 -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.genlab.plugin.deeptext.bench.DeepTextBench char-rnn "epochs = 3" [characters]
 * </pre>
 */
public final class DeepTextBench {
    private static final Path FILE = Path.of("../text/src/main/resources/dev/genlab/plugin/text/shakespeare/tinyshakespeare.txt.gz");

    private DeepTextBench() {
    }

    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : "char-rnn";
        String settings = args.length > 1 ? args[1] : "";
        int characters = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        String text;
        try (var in = new GZIPInputStream(Files.newInputStream(FILE))) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        text = text.substring(0, Math.min(characters, text.length()));
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        int i = 0;
        for (String s : text.split("\n\n")) {
            String speech = s.strip();
            if (!speech.isEmpty()) {
                (i++ % 10 == 9 ? test : train).add(speech);
            }
        }
        Corpus trainCorpus = Corpus.of(train);
        Corpus testCorpus = Corpus.of(test);
        var descriptor = PluginHarness.descriptor(PluginKind.MODEL, model);
        Record config = PluginHarness.config(descriptor, settings);
        GenerativeModel m = PluginHarness.create(descriptor, settings, GenerativeModel.class);
        System.out.printf(Locale.ROOT, "engine %s, %d threads, %s%n", DjlEngine.describe(),
                Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()), config);
        System.out.printf(Locale.ROOT, "data: %d train speeches (%d chars), %d test speeches (%d chars)%n",
                trainCorpus.size(), trainCorpus.characters(), testCorpus.size(), testCorpus.characters());
        Path work = Files.createTempDirectory("deep-text-bench");
        TestContexts.RecordingContext context = TestContexts.training(42, work);
        long start = System.nanoTime();
        FittedModel fitted = m.fit(trainCorpus, context);
        double seconds = (System.nanoTime() - start) / 1e9;
        int epochs = context.history("loss.train").size();
        System.out.printf(Locale.ROOT, "train: %d epochs in %.1f s = %.3f epochs/s, %.0f chars/s (validation scoring included)%n",
                epochs, seconds, epochs / seconds, epochs * trainCorpus.characters() / seconds);
        for (var metric : context.metrics()) {
            System.out.printf(Locale.ROOT, "  epoch %d %s %.4f%n", metric.step(), metric.key(), metric.value());
        }
        start = System.nanoTime();
        TextLikelihood.NegativeLogLikelihood nll = ((TextLikelihood) fitted).score(testCorpus);
        double scoreSeconds = (System.nanoTime() - start) / 1e9;
        double unigram = unigramPerplexity(trainCorpus, testCorpus);
        System.out.printf(Locale.ROOT, "test: perplexity %.3f (%.3f bits/char) over %d tokens in %.1f s; unigram %.3f; ratio %.3f%n",
                nll.perplexity(), nll.bitsPerToken(), nll.tokens(), scoreSeconds, unigram, nll.perplexity() / unigram);
        start = System.nanoTime();
        Corpus samples = (Corpus) fitted.sample(50, 7);
        double sampleSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "sample: 50 documents, %d chars in %.1f s (%.0f chars/s)%n", samples.characters(), sampleSeconds,
                samples.characters() / sampleSeconds);
        for (int d = 0; d < 3; d++) {
            System.out.println("---\n" + samples.documents().get(d));
        }
    }

    /** Add-one smoothed character unigram over the training characters + end + unknown, same tokens as the models. */
    static double unigramPerplexity(Corpus train, Corpus test) {
        java.util.Map<Integer, Long> counts = new java.util.HashMap<>();
        long total = 0;
        for (String d : train.documents()) {
            for (int cp : d.codePoints().toArray()) {
                counts.merge(cp, 1L, Long::sum);
                total++;
            }
            counts.merge(-1, 1L, Long::sum);
            total++;
        }
        int size = counts.size() + 1;
        double nats = 0;
        long tokens = 0;
        for (String d : test.documents()) {
            for (int cp : d.codePoints().toArray()) {
                nats -= Math.log((counts.getOrDefault(cp, 0L) + 1.0) / (total + size));
                tokens++;
            }
            nats -= Math.log((counts.get(-1) + 1.0) / (total + size));
            tokens++;
        }
        return Math.exp(nats / tokens);
    }
}
