package dev.genlab.runtime.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page being written: inline CSS, images embedded as {@code data:} URIs and also written
 * as PNG files beside the page (so trackers such as MLflow can show them). Nothing on the page refers to the
 * network.
 */
final class HtmlPage {
    private static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#222;background:#f6f7f9}
            header{background:#1f3a5a;color:#fff;padding:18px 32px}
            header h1{margin:0;font-size:22px;font-weight:600}
            header p{margin:4px 0 0;opacity:.85}
            nav{padding:8px 32px;background:#e9edf2;font-size:14px}
            nav a{margin-right:14px;color:#1f3a5a;text-decoration:none}
            main{padding:8px 32px 40px}
            section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 20px 18px;margin:16px 0}
            h2{font-size:18px;margin:6px 0 12px;color:#1f3a5a}
            h3{font-size:15px;margin:14px 0 8px}
            table{border-collapse:collapse;font-size:13px}
            th,td{border-bottom:1px solid #e3e6ea;padding:4px 10px;text-align:left;vertical-align:top}
            th{background:#f0f2f5;font-weight:600}
            td.num{text-align:right;font-variant-numeric:tabular-nums;font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace}
            tr.best td{background:#eaf6ea}
            .grid{display:flex;flex-wrap:wrap;gap:12px}
            .grid img{border:1px solid #e3e6ea;max-width:100%}
            .cards{display:flex;flex-wrap:wrap;gap:12px}
            .card{border:1px solid #dde1e6;border-radius:6px;padding:10px 16px;min-width:160px;background:#fafbfc}
            .card .k{font-size:12px;color:#555}.card .v{font-size:22px;font-weight:600;margin-top:2px}
            .status{display:inline-block;padding:2px 8px;border-radius:10px;font-size:13px;font-weight:600;background:#ddd;color:#222}
            .FINISHED{background:#d7f0d9;color:#1d5e25}.FAILED{background:#f8d7d7;color:#8a1c1c}
            .KILLED{background:#fde8c8;color:#7a4a00}.RUNNING{background:#d6e6fb;color:#1c4d8a}
            .note{color:#555;font-size:13px;margin:6px 0}
            .card.verdict-pass{border-color:#2e7d32;background:#eef7ee}.card.verdict-warn{border-color:#b26a00;background:#fff6e5}
            .card.verdict-fail,.card.verdict-undefined{border-color:#c62828;background:#fdecea}
            .card .verdict{font-size:13px;font-weight:600;text-transform:uppercase;margin-left:6px}
            .warning{color:#8a4b00;background:#fff6e5;border-left:3px solid #b26a00;padding:4px 8px;font-size:13px}
            .gate{font-weight:600;padding:6px 10px;border-radius:4px;display:inline-block}
            .gate.pass{background:#eef7ee;color:#1d5e25}.gate.fail,.gate.undefined{background:#fdecea;color:#8a1c1c}
            td.v-pass{color:#1d5e25;font-weight:600}td.v-warn{color:#8a4b00;font-weight:600}td.v-fail{color:#8a1c1c;font-weight:600}
            pre{background:#f6f8fa;border:1px solid #e3e6ea;padding:8px 10px;white-space:pre-wrap;font-size:12px;margin:6px 0}
            details summary{cursor:pointer;color:#1f3a5a;margin:8px 0}
            .scroll{overflow-x:auto}
            """;

    private final Path directory;
    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder nav = new StringBuilder();
    private final Map<String, Path> files = new LinkedHashMap<>();

    /** A page whose images go to {@code directory}. */
    HtmlPage(Path directory, String title) {
        this.directory = directory;
        this.title = title;
    }

    static String escape(Object value) {
        String s = value == null ? "" : String.valueOf(value);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A file name made of safe characters. */
    static String fileName(String s) {
        String safe = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe.length() > 80 ? safe.substring(0, 80) : safe;
    }

    HtmlPage raw(String html) {
        body.append(html);
        return this;
    }

    HtmlPage text(String tag, Object text) {
        body.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append(">\n");
        return this;
    }

    HtmlPage note(String text) {
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    HtmlPage startSection(String id, String heading) {
        nav.append("<a href=\"#").append(id).append("\">").append(escape(heading)).append("</a>");
        body.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(heading)).append("</h2>\n");
        return this;
    }

    HtmlPage endSection() {
        body.append("</section>\n");
        return this;
    }

    HtmlPage startGrid() {
        body.append("<div class=\"grid\">\n");
        return this;
    }

    HtmlPage endGrid() {
        body.append("</div>\n");
        return this;
    }

    /** Writes {@code png} beside the page as {@code name}.png and embeds it. */
    HtmlPage image(String name, String alt, byte[] png) throws IOException {
        String file = fileName(name) + ".png";
        for (int n = 2; files.containsKey(file); n++) {
            file = fileName(name) + "-" + n + ".png";
        }
        Path target = directory.resolve(file);
        dev.genlab.runtime.util.AtomicFiles.write(target, png);
        files.put(file, target);
        body.append("<img alt=\"").append(escape(alt)).append("\" title=\"").append(escape(file)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        return this;
    }

    /** A two-column table of names and values, without a header. */
    HtmlPage keyValues(List<List<String>> rows) {
        body.append("<div class=\"scroll\"><table>\n");
        for (List<String> r : rows) {
            body.append("<tr><th>").append(escape(r.get(0))).append("</th><td>").append(escape(r.get(1))).append("</td></tr>\n");
        }
        body.append("</table></div>\n");
        return this;
    }

    /** A table; cells starting with a digit, '-' or '+' followed by a digit, or "n/a" are right-aligned numbers. */
    HtmlPage table(List<String> header, List<List<String>> rows) {
        return table(header, rows, -1);
    }

    /** As {@link #table(List, List)}, highlighting row {@code highlight} (or none if negative). */
    HtmlPage table(List<String> header, List<List<String>> rows, int highlight) {
        body.append("<div class=\"scroll\"><table>\n<tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (int r = 0; r < rows.size(); r++) {
            body.append(r == highlight ? "<tr class=\"best\">" : "<tr>");
            for (String cell : rows.get(r)) {
                body.append(numeric(cell) ? "<td class=\"num\">" : verdict(cell) ? "<td class=\"v-" + cell + "\">" : "<td>")
                        .append(escape(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table></div>\n");
        return this;
    }

    /** A score-card verdict, coloured in tables. */
    private static boolean verdict(String cell) {
        return "pass".equals(cell) || "warn".equals(cell) || "fail".equals(cell);
    }

    private static boolean numeric(String cell) {
        return cell != null && (cell.matches("[-+]?[0-9][0-9.eE+\\-]*( ± .*)?( ★)?") || cell.equals("n/a"));
    }

    /** Writes the page as {@code file} in the page's directory; returns every file written, page first. */
    Map<String, Path> write(String file, String subtitle) throws IOException {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title) + "</title>\n"
                + "<style>\n" + CSS + "</style>\n</head>\n<body>\n<header><h1>" + escape(title) + "</h1><p>" + subtitle + "</p></header>\n"
                + "<nav>" + nav + "</nav>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
        Path target = directory.resolve(file);
        dev.genlab.runtime.util.AtomicFiles.write(target, html.getBytes(StandardCharsets.UTF_8));
        Map<String, Path> out = new LinkedHashMap<>();
        out.put(file, target);
        out.putAll(files);
        return out;
    }
}
