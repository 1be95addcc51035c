package dev.genlab.plugin.image;

import dev.genlab.spi.DataException;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.LoadedData;
import jakarta.inject.Inject;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/** The user's own images from a CSV of pixel columns (one image per line) with an optional label column. */
public final class ImageCsvDataset implements Dataset {
    private final ImageCsvConfig config;

    @Inject
    public ImageCsvDataset(ImageCsvConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    public LoadedData load(DatasetContext context) {
        Path file = context.resolve(config.path());
        ImageShape shape = new ImageShape(config.height(), config.width(), config.channels());
        String source = config.path();
        PixelCsvReader reader = new PixelCsvReader(source, shape, config.label().orElse(null));
        byte[] bytes = context.readFile("path", config.path());
        // a strict decoder: an invalid byte is an error, not a replacement character
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()))) {
            return LoadedData.of(reader.read(in), "image-csv: " + file);
        } catch (CharacterCodingException e) {
            throw new DataException(source, "not UTF-8 text; save the file as UTF-8");
        } catch (IOException e) {
            throw new DataException(source, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
