package dev.genlab.plugin.image;

import dev.genlab.spi.DataException;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.LoadedData;
import jakarta.inject.Inject;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        PixelCsvReader reader = new PixelCsvReader(file.toString(), shape, config.label().orElse(null));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return LoadedData.of(reader.read(in), file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException(file.toString(), "no such file (the path is resolved against the experiment file's directory)");
        } catch (CharacterCodingException e) {
            throw new DataException(file.toString(), "not UTF-8 text: " + e.getMessage());
        } catch (IOException e) {
            throw new DataException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }
}
