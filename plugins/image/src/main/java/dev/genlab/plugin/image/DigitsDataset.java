package dev.genlab.plugin.image;

import dev.genlab.spi.DataException;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** The bundled 8x8 handwritten digits: 1,797 images, pixels p0..p63 in 0..16, categorical target {@code label}. */
public final class DigitsDataset implements Dataset {
    static final String RESOURCE = "digits/digits.csv.gz";
    static final ImageShape SHAPE = new ImageShape(8, 8, 1);

    @Inject
    public DigitsDataset() {
    }

    @Override
    public LoadedData load(DatasetContext context) {
        return LoadedData.of(table(), "bundled resource " + DigitsDataset.class.getPackageName().replace('.', '/') + "/" + RESOURCE
                + " (UCI Optical Recognition of Handwritten Digits, CC BY 4.0, as shipped by scikit-learn)");
    }

    /** The digits as a table (reads the bundled resource). */
    public static Table table() {
        try (InputStream raw = DigitsDataset.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new DataException(RESOURCE, "the bundled digits resource is missing from the plugin jar");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            return new PixelCsvReader(RESOURCE, SHAPE, "label").read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bundled digits", e);
        }
    }
}
