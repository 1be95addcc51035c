package dev.genlab.spi;

/** Shape of the images stored row-wise in a table's pixel columns (row-major, channels last). */
public record ImageShape(int height, int width, int channels) {
    public ImageShape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image shape must be positive: " + height + "x" + width + "x" + channels);
        }
    }

    public int pixels() {
        return height * width * channels;
    }
}
