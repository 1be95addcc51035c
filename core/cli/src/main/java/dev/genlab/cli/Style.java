package dev.genlab.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Colour and width of the terminal. Colour only on a terminal, never with {@code --no-color} or a non-empty
 * {@code NO_COLOR} (no-color.org); {@code FORCE_COLOR} asks for it when output is not a terminal (tests, pagers
 * such as {@code less -R}). Piped output is plain text.
 */
final class Style {
    private static final String RESET = "\033[0m";
    private static volatile Style current = new Style(false);

    private final boolean colour;

    private Style(boolean colour) {
        this.colour = colour;
    }

    /** Decides once per command line, before anything prints. */
    static void configure(boolean noColorOption) {
        current = new Style(decide(noColorOption, System.getenv("NO_COLOR"), System.getenv("FORCE_COLOR"), System.console() != null,
                System.getenv("TERM")));
    }

    static boolean decide(boolean noColorOption, String noColor, String forceColor, boolean terminal, String term) {
        if (noColorOption || (noColor != null && !noColor.isEmpty())) {
            return false;
        }
        if (forceColor != null && !forceColor.isEmpty() && !forceColor.equals("0")) {
            return true;
        }
        return terminal && !"dumb".equals(term);
    }

    static Style current() {
        return current;
    }

    /** The current style; {@code stream} and {@code noColor} are already folded in by {@link #configure}. */
    static Style forStream(PrintStream stream, boolean noColor) {
        return noColor ? new Style(false) : current;
    }

    boolean colour() {
        return colour;
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String good(String s) {
        return wrap("32", s);
    }

    String bad(String s) {
        return wrap("31", s);
    }

    String warning(String s) {
        return wrap("33", s);
    }

    String error(String s) {
        return wrap("1;31", s);
    }

    /** A status or verdict word in its colour: green for what passed or finished, red for failures, yellow between. */
    String status(String cell) {
        String w = cell.trim();
        if (w.isEmpty() || !colour) {
            return cell;
        }
        return switch (w) {
            case "pass", "FINISHED", "ok", "★" -> good(cell);
            case "fail", "FAILED", "KILLED", "KILLED (process gone)" -> bad(cell);
            case "warn", "RUNNING", "degenerate" -> warning(cell);
            default -> cell;
        };
    }

    private String wrap(String code, String s) {
        return colour && !s.isEmpty() ? "\033[" + code + "m" + s + RESET : s;
    }

    /** Visible length: without escape sequences. */
    static int visible(String s) {
        return s.replaceAll("\033\\[[0-9;]*m", "").length();
    }

    /**
     * The terminal's width, once per process: on a terminal {@code COLUMNS} if set, else what {@code stty} says of
     * the controlling terminal; 0 when output is not a terminal (nothing is cut).
     */
    static int terminalWidth() {
        Integer w = width;
        if (w == null) {
            w = measureWidth();
            width = w;
        }
        return w;
    }

    private static volatile Integer width;

    private static int measureWidth() {
        if (System.console() == null) {
            return 0; // piped or redirected: nothing is cut
        }
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[1-9][0-9]{0,4}")) {
            return Integer.parseInt(columns);
        }
        try {
            Process p = new ProcessBuilder(List.of("sh", "-c", "stty size < /dev/tty")).redirectErrorStream(true).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 0;
            }
            String[] size = new String(p.getInputStream().readAllBytes()).trim().split("\\s+");
            return size.length == 2 && size[1].matches("[1-9][0-9]*") ? Integer.parseInt(size[1]) : 0;
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
