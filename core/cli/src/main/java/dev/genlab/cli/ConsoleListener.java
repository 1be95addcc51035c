package dev.genlab.cli;

import dev.genlab.runtime.run.RunListener;
import dev.genlab.spi.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Phases and progress bars on stderr. On a terminal a bar redraws in place (at most 10 times a second); when
 * output goes to a file or CI log it prints one line when a bar starts and one when it ends, so logs stay short.
 */
final class ConsoleListener implements RunListener {
    private final PrintStream out;
    private final boolean interactive;
    private final boolean quiet;

    ConsoleListener(PrintStream out, boolean interactive, boolean quiet) {
        this.out = out;
        this.interactive = interactive;
        this.quiet = quiet;
    }

    @Override
    public void phase(String description) {
        if (!quiet) {
            out.println("» " + description);
        }
    }

    @Override
    public Progress progress(String task, long total, String unit) {
        return quiet ? Progress.none() : new Bar(task, total, unit);
    }

    private final class Bar implements Progress {
        private final String task;
        private final long total;
        private final String unit;
        private final long start = System.nanoTime();
        private long done;
        private long lastDraw;
        private String status = "";
        private boolean closed;

        Bar(String task, long total, String unit) {
            this.task = task;
            this.total = Math.max(total, 0);
            this.unit = unit;
            if (!interactive) {
                out.println("  " + task + ": " + total + " " + plural(total));
            } else {
                draw(true);
            }
        }

        private String plural(long n) {
            return n == 1 || unit.endsWith("s") ? unit : unit + "s";
        }

        @Override
        public synchronized void advance(long units) {
            done = Math.min(total, done + units);
            if (interactive) {
                draw(false);
            }
        }

        @Override
        public synchronized void status(String text) {
            status = text == null ? "" : text;
            if (interactive) {
                draw(false);
            }
        }

        private void draw(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastDraw < 100_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = total == 0 ? width : (int) (width * done / total);
            double elapsed = (now - start) / 1e9;
            String eta = done > 0 && done < total ? String.format(Locale.ROOT, " eta %s", time(elapsed * (total - done) / done)) : "";
            String line = String.format(Locale.ROOT, "  %-22s [%s%s] %d/%d %s %s%s %s", task, "#".repeat(filled), ".".repeat(width - filled),
                    done, total, plural(total), time(elapsed), eta, status);
            out.print("\r" + line + "\033[K");
            out.flush();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (interactive) {
                draw(true);
                out.println();
            } else {
                out.println("  " + task + ": done " + done + "/" + total + " " + plural(total) + " in " + time(elapsed)
                        + (status.isEmpty() ? "" : " (" + status + ")"));
            }
        }
    }

    static String time(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        return s / 3600 > 0 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60) : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
