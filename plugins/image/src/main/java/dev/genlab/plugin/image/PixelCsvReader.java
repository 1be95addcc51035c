package dev.genlab.plugin.image;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnType;
import dev.genlab.spi.DataException;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a CSV of images, one per line: a header naming the columns, then the pixel values (row-major, channels
 * last) and optionally a label column anywhere in the line. Pixel CSVs hold only numbers and one label, so this
 * is a plain comma split (surrounding spaces and double quotes are stripped), not a full RFC 4180 reader.
 */
final class PixelCsvReader {
    private final String source;
    private final ImageShape shape;
    private final String label;

    /**
     * @param source file or resource name used in error messages
     * @param shape  the shape every line's pixels must fill
     * @param label  the label column's name, or null if the file has none
     */
    PixelCsvReader(String source, ImageShape shape, String label) {
        this.source = source;
        this.shape = shape;
        this.label = label;
    }

    Table read(BufferedReader in) throws IOException {
        String headerLine = in.readLine();
        long line = 1;
        while (headerLine != null && headerLine.isBlank()) {
            headerLine = in.readLine();
            line++;
        }
        if (headerLine == null) {
            throw new DataException(source, "the file is empty; expected a header line naming the columns");
        }
        String[] header = split(headerLine);
        int labelIndex = -1;
        if (label != null) {
            for (int i = 0; i < header.length; i++) {
                if (header[i].equals(label)) {
                    labelIndex = i;
                }
            }
            if (labelIndex < 0) {
                throw new DataException(source, line, "no label column '" + label + "' in the header");
            }
        }
        int pixels = header.length - (labelIndex < 0 ? 0 : 1);
        if (pixels != shape.pixels()) {
            boolean hasLabelColumn = label == null && List.of(header).contains("label");
            throw new DataException(source, line, "the header has " + pixels + " pixel columns but height x width x channels = "
                    + shape.height() + " x " + shape.width() + " x " + shape.channels() + " = " + shape.pixels()
                    + (hasLabelColumn ? " (a column is called 'label': set label = label if it holds the labels)" : ""));
        }
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            String[] fields = split(text);
            if (fields.length != header.length) {
                throw new DataException(source, line, "expected " + header.length + " values (" + shape.pixels() + " pixels"
                        + (labelIndex < 0 ? "" : " and a label") + ") but found " + fields.length);
            }
            double[] values = new double[shape.pixels()];
            int p = 0;
            for (int i = 0; i < fields.length; i++) {
                if (i == labelIndex) {
                    labels.add(fields[i]);
                    continue;
                }
                values[p++] = number(fields[i], header[i], line);
            }
            rows.add(values);
        }
        if (rows.isEmpty()) {
            throw new DataException(source, "no images: the file has a header but no data lines");
        }
        return table(header, labelIndex, rows, labels);
    }

    private Table table(String[] header, int labelIndex, List<double[]> rows, List<String> labels) {
        List<Column> columns = new ArrayList<>();
        List<Object> arrays = new ArrayList<>();
        int p = 0;
        for (int i = 0; i < header.length; i++) {
            if (i == labelIndex) {
                List<String> levels = levels(labels);
                Map<String, Integer> codeOf = new HashMap<>();
                for (int l = 0; l < levels.size(); l++) {
                    codeOf.put(levels.get(l), l);
                }
                int[] codes = new int[labels.size()];
                for (int r = 0; r < codes.length; r++) {
                    String value = labels.get(r);
                    codes[r] = value.isEmpty() ? Table.MISSING_CODE : codeOf.get(value);
                }
                columns.add(new Column(header[i], ColumnType.CATEGORICAL, levels, false));
                arrays.add(codes);
            } else {
                double[] column = new double[rows.size()];
                boolean integral = true;
                for (int r = 0; r < column.length; r++) {
                    column[r] = rows.get(r)[p];
                    integral &= column[r] == Math.rint(column[r]);
                }
                p++;
                columns.add(new Column(header[i], ColumnType.NUMERIC, List.of(), integral));
                arrays.add(column);
            }
        }
        Schema schema;
        try {
            schema = Schema.of(columns).withImageShape(shape);
        } catch (IllegalArgumentException e) {
            throw new DataException(source, 1, e.getMessage());
        }
        if (labelIndex >= 0) {
            schema = schema.withTarget(header[labelIndex]);
        }
        return Table.of(schema, arrays);
    }

    /** Distinct non-empty labels, in numeric order if all are numbers, else in text order. */
    private static List<String> levels(List<String> labels) {
        TreeSet<String> distinct = new TreeSet<>();
        for (String l : labels) {
            if (!l.isEmpty()) {
                distinct.add(l);
            }
        }
        List<String> levels = new ArrayList<>(distinct);
        if (levels.stream().allMatch(PixelCsvReader::isNumber)) {
            levels.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return levels;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private double number(String field, String column, long line) {
        try {
            double v = Double.parseDouble(field);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(source, line, "pixel column '" + column + "': '" + field + "' is not a finite number");
    }

    private static String[] split(String line) {
        String[] fields = line.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i].strip();
            if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                f = f.substring(1, f.length() - 1).strip();
            }
            fields[i] = f;
        }
        return fields;
    }
}
