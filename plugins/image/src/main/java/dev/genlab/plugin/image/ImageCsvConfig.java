package dev.genlab.plugin.image;

import dev.genlab.spi.PluginConfigException;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@code image-csv} dataset.
 *
 * @param path     the CSV file, relative to the experiment file
 * @param height   image height in pixels
 * @param width    image width in pixels
 * @param channels 1 (grey) or 3 (RGB); pixels are row-major, channels last
 * @param label    the column holding each image's label (the target), if any
 */
public record ImageCsvConfig(String path, int height, int width, int channels, Optional<String> label) {
    public ImageCsvConfig {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(label, "label is null");
        if (path.isBlank()) {
            throw new PluginConfigException("path", "must name a CSV file");
        }
        if (height < 1 || height > 4096) {
            throw new PluginConfigException("height", "must be between 1 and 4096, got " + height);
        }
        if (width < 1 || width > 4096) {
            throw new PluginConfigException("width", "must be between 1 and 4096, got " + width);
        }
        if (channels != 1 && channels != 3) {
            throw new PluginConfigException("channels", "must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (label.isPresent() && label.get().isBlank()) {
            throw new PluginConfigException("label", "must name a column (leave the key out if the file has no labels)");
        }
    }
}
