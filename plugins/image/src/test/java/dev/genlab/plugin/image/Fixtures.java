package dev.genlab.plugin.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Reads the numbers src/test/python/make_fixtures.py wrote under src/test/resources/fixtures. */
final class Fixtures {
    private Fixtures() {
    }

    static double[][] matrix(String name) {
        String text = text(name);
        return text.lines().filter(l -> !l.isBlank())
                .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }

    static double expected(String key) {
        Properties p = new Properties();
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/expected.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty(key);
        if (v == null) {
            throw new AssertionError("no expected value '" + key + "' in fixtures/expected.properties");
        }
        return Double.parseDouble(v);
    }

    private static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new AssertionError("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
