package dev.genlab.cli;

import dev.genlab.runtime.run.RunListener;
import dev.genlab.spi.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Phases and progress bars on stderr. On a terminal a bar redraws in place (at most 10 times a second), and a bar
 * opened while another is running (a sweep trial's epochs under the sweep) is drawn on the line beneath it; when
 * output goes to a file or CI log it prints one line when a bar starts and one when it ends, so logs stay short.
 */
final class ConsoleListener implements RunListener {
    private final PrintStream out;
    private final boolean interactive;
    private final boolean quiet;
    /** The bars on screen, outermost first (terminal only). */
    private final List<Bar> open = new ArrayList<>();
    /** Lines below the first that the last drawing took. */
    private int linesBelow;

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

    /** For what runs inside a bar (a sweep's in-process trials): only their bars, drawn beneath; no phase lines. */
    RunListener nested() {
        ConsoleListener outer = this;
        return new RunListener() {
            @Override
            public void phase(String description) {
            }

            @Override
            public Progress progress(String task, long total, String unit) {
                return outer.interactive ? outer.progress(task, total, unit) : Progress.none();
            }
        };
    }

    /** Redraws every open bar in place, the cursor ending on the first column of the last. */
    private synchronized void redraw() {
        StringBuilder sb = new StringBuilder("\r");
        if (linesBelow > 0) {
            sb.append("\033[").append(linesBelow).append('A');
        }
        for (int i = 0; i < open.size(); i++) {
            // after the last bar, clear to the end of the screen: a bar that closed below it leaves nothing behind
            sb.append(open.get(i).line()).append(i < open.size() - 1 ? "\033[K\n" : "\033[J\r");
        }
        linesBelow = Math.max(0, open.size() - 1);
        out.print(sb);
        out.flush();
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
                synchronized (ConsoleListener.this) {
                    open.add(this);
                    redraw();
                }
            }
        }

        private String plural(long n) {
            return n == 1 || unit.endsWith("s") ? unit : unit + "s";
        }

        @Override
        public void advance(long units) {
            synchronized (ConsoleListener.this) {
                done = Math.min(total, done + units);
                if (interactive) {
                    draw(false);
                }
            }
        }

        @Override
        public void status(String text) {
            synchronized (ConsoleListener.this) {
                status = text == null ? "" : text;
                if (interactive) {
                    draw(false);
                }
            }
        }

        private void draw(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastDraw < 100_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            redraw();
        }

        String line() {
            int width = 30;
            int filled = total == 0 ? width : (int) (width * done / total);
            double elapsed = (System.nanoTime() - start) / 1e9;
            String eta = done > 0 && done < total ? String.format(Locale.ROOT, " eta %s", time(elapsed * (total - done) / done)) : "";
            String line = String.format(Locale.ROOT, "  %-22s [%s%s] %d/%d %s %s%s %s", task, "#".repeat(filled), ".".repeat(width - filled),
                    done, total, plural(total), time(elapsed), eta, status);
            int columns = Style.terminalWidth();
            return columns > 1 && line.length() >= columns ? line.substring(0, columns - 2) + "…" : line;
        }

        @Override
        public void close() {
            synchronized (ConsoleListener.this) {
                if (closed) {
                    return;
                }
                closed = true;
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (!interactive) {
                    out.println("  " + task + ": done " + done + "/" + total + " " + plural(total) + " in " + time(elapsed)
                            + (status.isEmpty() ? "" : " (" + status + ")"));
                    return;
                }
                boolean outermost = open.indexOf(this) == 0;
                if (outermost) {
                    redraw();
                    open.remove(this);
                    out.println();
                    linesBelow = 0;
                    if (!open.isEmpty()) {
                        redraw();
                    }
                } else {
                    open.remove(this);
                    redraw();
                }
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
