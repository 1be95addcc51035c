package dev.genlab.runtime.sweep;

import dev.genlab.runtime.run.RunListener;
import dev.genlab.spi.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The progress bars of a sweep trial that runs as a child process, carried to the parent through a file: the child
 * ({@code genlab run --progress-file F}) appends one line per change, the parent tails the file and draws the bars
 * beneath its sweep bar. Lines are tab-separated:
 * <pre>
 * open  ID TOTAL UNIT TASK
 * at    ID DONE STATUS
 * close ID
 * </pre>
 * A file rather than the child's stdout: that is the trial's log, and stays readable.
 */
public final class TrialProgress {
    /** At most this often an {@code at} line per bar (the last one, at the total, is always written). */
    private static final long INTERVAL_NANOS = 100_000_000L;

    private TrialProgress() {
    }

    /** A listener that writes its bars to {@code file} and passes phases to {@code phases}. */
    public static RunListener writer(Path file, RunListener phases) throws IOException {
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        AtomicInteger ids = new AtomicInteger();
        return new RunListener() {
            @Override
            public void phase(String description) {
                phases.phase(description);
            }

            @Override
            public Progress progress(String task, long total, String unit) {
                int id = ids.incrementAndGet();
                write(out, "open\t" + id + "\t" + total + "\t" + clean(unit) + "\t" + clean(task));
                return new Progress() {
                    private long done;
                    private String status = "";
                    private long written;
                    private boolean closed;

                    @Override
                    public synchronized void advance(long units) {
                        done = Math.min(Math.max(total, 0), done + units);
                        report(done >= total);
                    }

                    @Override
                    public synchronized void status(String text) {
                        status = text == null ? "" : text;
                        report(false);
                    }

                    private void report(boolean force) {
                        long now = System.nanoTime();
                        if (force || now - written >= INTERVAL_NANOS) {
                            written = now;
                            write(out, "at\t" + id + "\t" + done + "\t" + clean(status));
                        }
                    }

                    @Override
                    public synchronized void close() {
                        if (!closed) {
                            closed = true;
                            write(out, "at\t" + id + "\t" + done + "\t" + clean(status));
                            write(out, "close\t" + id);
                        }
                    }
                };
            }
        };
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static void write(OutputStream out, String line) {
        synchronized (out) {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // progress is a nicety: a full disk fails the run elsewhere, with a message
            }
        }
    }

    /** The parent's side: what a child wrote since the last {@link #poll}, as bars of {@code target}. */
    public static final class Reader {
        private final Path file;
        private final RunListener target;
        private final String prefix;
        private final Map<String, Bar> bars = new HashMap<>();
        private long offset;
        private byte[] partial = new byte[0];

        private record Bar(Progress progress, long[] done) {
        }

        /** Bars drawn through {@code target}, their task names prefixed with {@code prefix} (e.g. "#2 "). */
        public Reader(Path file, RunListener target, String prefix) {
            this.file = file;
            this.target = target;
            this.prefix = prefix;
        }

        /** Reads the lines appended since the last call and applies them. */
        public void poll() {
            if (!Files.exists(file)) {
                return;
            }
            byte[] bytes;
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = in.size();
                if (size <= offset) {
                    return;
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 20));
                in.read(buffer, offset);
                offset += buffer.position();
                bytes = new byte[partial.length + buffer.position()];
                System.arraycopy(partial, 0, bytes, 0, partial.length);
                System.arraycopy(buffer.array(), 0, bytes, partial.length, buffer.position());
            } catch (IOException e) {
                return; // progress is only shown: the next poll tries again
            }
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    apply(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            // a line the child is still writing waits for its end
            partial = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        }

        private void apply(String line) {
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "open" -> bars.put(f[1], new Bar(target.progress(prefix + f[4], Long.parseLong(f[2]), f[3]), new long[1]));
                    case "at" -> {
                        Bar b = bars.get(f[1]);
                        if (b != null) {
                            long done = Long.parseLong(f[2]);
                            if (done > b.done()[0]) {
                                b.progress().advance(done - b.done()[0]);
                                b.done()[0] = done;
                            }
                            b.progress().status(f[3]);
                        }
                    }
                    case "close" -> {
                        Bar b = bars.remove(f[1]);
                        if (b != null) {
                            b.progress().close();
                        }
                    }
                    default -> {
                        // a line this genlab does not know: ignored, as progress is only shown
                    }
                }
            } catch (RuntimeException e) {
                // a malformed line (a child killed mid-write): ignored for the same reason
            }
        }

        /** The child ended: what it wrote last, then every bar it left open is closed. */
        public void finish() {
            poll();
            bars.values().forEach(b -> b.progress().close());
            bars.clear();
        }
    }
}
