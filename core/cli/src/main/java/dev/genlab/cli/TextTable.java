package dev.genlab.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns. On a terminal it fits the width (the widest columns are cut, with '…')
 * and has a bold header and coloured status words; piped, it is plain and whole.
 */
final class TextTable {
    private static final int MIN_COLUMN = 8;

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final java.util.Set<Integer> fixed = new java.util.HashSet<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    /** Columns never cut to fit (e.g. run ids, which people copy). */
    TextTable fixed(int... columns) {
        for (int c : columns) {
            fixed.add(c);
        }
        return this;
    }

    void row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c == null ? "" : String.valueOf(c));
        }
        rows.add(r);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    int size() {
        return rows.size();
    }

    String render() {
        return render(Style.terminalWidth(), Style.current());
    }

    /** Fitted to {@code maxWidth} characters (0: no limit). */
    String render(int maxWidth, Style style) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < r.size() && i < widths.length; i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        fit(widths, maxWidth, fixed);
        StringBuilder sb = new StringBuilder();
        line(sb, header, widths, style, true);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        line(sb, rule, widths, style, false);
        for (List<String> r : rows) {
            line(sb, r, widths, style, false);
        }
        return sb.toString();
    }

    /** Narrows the widest column, one character at a time, until the table fits (or every column is narrow). */
    static void fit(int[] widths, int maxWidth, java.util.Set<Integer> fixed) {
        if (maxWidth <= 0) {
            return;
        }
        while (true) {
            int total = 2 * (widths.length - 1);
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                total += widths[i];
                if (!fixed.contains(i) && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (total <= maxWidth || widest < 0 || widths[widest] <= MIN_COLUMN) {
                return;
            }
            widths[widest]--;
        }
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths, Style style, boolean header) {
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            if (c.length() > widths[i]) {
                c = c.substring(0, Math.max(0, widths[i] - 1)) + "…";
            }
            String padded = i < widths.length - 1 ? c + " ".repeat(widths[i] - c.length()) : c;
            plain.append(i == 0 ? "" : "  ").append(header ? style.bold(padded) : style.status(padded));
        }
        sb.append(plain.toString().stripTrailing()).append('\n');
    }
}
