package dev.genlab.plugin.djl.train;

/** A loss became NaN or infinite: training stopped, and the last checkpoint (if any) was kept. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
