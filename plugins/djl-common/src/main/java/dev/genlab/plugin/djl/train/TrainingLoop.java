package dev.genlab.plugin.djl.train;

import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.spi.Progress;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.TrainingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch loop every DJL model shares: resume from the newest checkpoint, a progress bar with a loss status (and
 * {@code epoch e/E: batch b/B} inside an epoch when the trainer reports its batches),
 * per-epoch metric histories, a checkpoint every N epochs (and at the end), a check for cancellation before
 * each epoch, and a clear stop when a loss becomes NaN. Before each epoch the engine's generator is reseeded
 * from the run seed and the epoch number, so a resumed run draws the same dropout masks as an uninterrupted
 * one.
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    /**
     * @param model           model name, for the progress bar, messages and the checkpoint folder
     * @param epochs          total epochs
     * @param checkpointEvery write a checkpoint every this many epochs; 0 turns checkpoints off
     * @param resume          continue from the newest checkpoint in the context's checkpoint directory
     */
    public record Settings(String model, int epochs, int checkpointEvery, boolean resume) {
    }

    /** How training ended: the first epoch this run trained (1 unless resumed) and the epochs done. */
    public record Outcome(int firstEpoch, int lastEpoch, Optional<Path> lastCheckpoint) {
    }

    private TrainingLoop() {
    }

    public static Checkpoints checkpoints(TrainingContext context, String model) {
        return new Checkpoints(context.checkpointDirectory().resolve(model));
    }

    public static Outcome run(TrainingContext context, Settings settings, EpochTrainer trainer,
                              Function<Map<String, Double>, String> status) {
        Checkpoints checkpoints = checkpoints(context, settings.model());
        int first = 1;
        Optional<Path> last = Optional.empty();
        try {
            if (settings.resume()) {
                Optional<Checkpoints.Checkpoint> checkpoint = checkpoints.latest();
                if (checkpoint.isPresent()) {
                    Checkpoints.Checkpoint c = checkpoint.get();
                    if (!c.fingerprint().equals(trainer.fingerprint())) {
                        throw new IllegalStateException("cannot resume from " + c.file() + ": it was written for "
                                + c.fingerprint() + " but this run is " + trainer.fingerprint()
                                + "; set resume = false or remove the checkpoint");
                    }
                    trainer.restore(c.state());
                    first = c.epoch() + 1;
                    last = Optional.of(c.file());
                    LOG.info("{}: resuming after epoch {} from {}", settings.model(), c.epoch(), c.file());
                } else {
                    LOG.info("{}: resume = true but no checkpoint in {}; training from the start", settings.model(), checkpoints.directory());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int done = first - 1;
        try (Progress progress = context.progress("train " + settings.model(), settings.epochs(), "epoch")) {
            progress.advance(done);
            String[] lastStatus = {""};
            for (int epoch = first; epoch <= settings.epochs(); epoch++) {
                if (context.isCancelled()) {
                    if (settings.checkpointEvery() > 0 && done >= first && (last.isEmpty() || !last.get().getFileName().toString().contains(String.format("%06d", done)))) {
                        last = Optional.of(write(checkpoints, done, trainer));
                    }
                    throw new CancellationException(settings.model() + ": cancelled by the user after epoch " + done
                            + last.map(p -> "; last checkpoint " + p).orElse(""));
                }
                DjlEngine.seed(Seeds.derive(context.seed(), "engine-epoch-" + epoch));
                int current = epoch;
                int completed = done;
                Optional<Path> kept = last;
                Map<String, Double> metrics = trainer.trainEpoch(epoch, (batch, batches) -> {
                    // Ctrl-C or SIGTERM stops within a batch, not after an epoch that can take minutes
                    if (context.isCancelled()) {
                        throw new CancellationException(settings.model() + ": cancelled by the user in epoch " + current + " after " + completed
                                + " complete epochs" + kept.map(p -> "; last checkpoint " + p).orElse(""));
                    }
                    progress.status(String.format(Locale.ROOT, "epoch %d/%d: batch %d/%d", current, settings.epochs(), batch, batches)
                            + (lastStatus[0].isEmpty() ? "" : ", last epoch " + lastStatus[0]));
                });
                for (Map.Entry<String, Double> m : metrics.entrySet()) {
                    if (!Double.isFinite(m.getValue())) {
                        throw new TrainingDivergedException(settings.model() + ": " + m.getKey() + " became " + m.getValue()
                                + " in epoch " + epoch + "; training stopped"
                                + last.map(p -> ", the last checkpoint " + p + " is kept").orElse(" (no checkpoint: set checkpoint-every to keep one)")
                                + ". Try a lower learning rate or check the data for extreme values.");
                    }
                }
                context.logMetrics(metrics, epoch);
                lastStatus[0] = status.apply(metrics);
                progress.status(lastStatus[0]);
                progress.advance(1);
                done = epoch;
                if (settings.checkpointEvery() > 0 && (epoch % settings.checkpointEvery() == 0 || epoch == settings.epochs())) {
                    last = Optional.of(write(checkpoints, epoch, trainer));
                }
            }
        }
        return new Outcome(first, done, last);
    }

    private static Path write(Checkpoints checkpoints, int epoch, EpochTrainer trainer) {
        try {
            return checkpoints.write(epoch, trainer.fingerprint(), trainer.checkpointState());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint for epoch " + epoch + " in " + checkpoints.directory(), e);
        }
    }
}
