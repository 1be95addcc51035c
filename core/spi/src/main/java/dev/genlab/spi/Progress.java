package dev.genlab.spi;

/** A progress bar; close it when the work is done. */
public interface Progress extends AutoCloseable {
    /** {@code units} more units done. */
    void advance(long units);

    /** A short status shown beside the bar, e.g. {@code "loss 0.412"}. */
    void status(String text);

    @Override
    void close();

    /** A progress bar that shows nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void advance(long units) {
            }

            @Override
            public void status(String text) {
            }

            @Override
            public void close() {
            }
        };
    }
}
