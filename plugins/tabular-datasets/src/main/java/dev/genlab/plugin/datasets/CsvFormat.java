package dev.genlab.plugin.datasets;

import dev.genlab.spi.DataException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV reading: quoted fields (with embedded delimiters, quotes doubled, line breaks), strict UTF-8, and
 * the physical line number of every record, for messages.
 */
final class CsvFormat {
    /** One record: the 1-based line it starts on and its fields. */
    record Row(long line, String[] fields) {
    }

    private CsvFormat() {
    }

    /** Splits text into records; blank lines are skipped. */
    static List<Row> parse(String text, char delimiter, String source) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int n = text.length();
        int i = 0;
        long line = 1;
        while (i < n) {
            long start = line;
            fields.clear();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                field.setLength(0);
                if (i < n && text.charAt(i) == '"') {
                    long quoteLine = line;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new DataException(source, quoteLine, "a quoted field starting on this line is never closed");
                        }
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                        i++;
                    }
                    if (i < n && text.charAt(i) != delimiter && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw new DataException(source, line, "unexpected character '" + text.charAt(i) + "' after a closing quote");
                    }
                } else {
                    int s = i;
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == delimiter || c == '\n' || c == '\r') {
                            break;
                        }
                        i++;
                    }
                    field.append(text, s, i);
                }
                fields.add(field.toString());
                if (i >= n) {
                    endOfRecord = true;
                } else {
                    char c = text.charAt(i);
                    if (c == delimiter) {
                        i++;
                    } else {
                        if (c == '\r') {
                            i++;
                        }
                        if (i < n && text.charAt(i) == '\n') {
                            i++;
                        }
                        line++;
                        endOfRecord = true;
                    }
                }
            }
            boolean blank = fields.size() == 1 && fields.get(0).isEmpty();
            if (!blank) {
                rows.add(new Row(start, fields.toArray(String[]::new)));
            }
        }
        return rows;
    }
}
