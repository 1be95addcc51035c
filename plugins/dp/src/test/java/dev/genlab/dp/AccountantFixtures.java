package dev.genlab.dp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The known answers plugins/dp/fixtures/make_fixtures.py wrote with dp-accounting (see that script). */
final class AccountantFixtures {
    /** The fixtures' tolerance: 1e-6 absolute for ε ≤ 1, 1e-6 relative above. */
    static final double TOLERANCE = 1e-6;

    /** One row: kind, q (or ρ for zcdp), σ, steps, δ, ε, order (NaN where a kind has none). */
    record Row(String kind, double q, double sigma, long steps, double delta, double epsilon, double order) {
        @Override
        public String toString() {
            return kind + "(q/rho=" + q + ", sigma=" + sigma + ", steps=" + steps + ", delta=" + delta + ")";
        }
    }

    private AccountantFixtures() {
    }

    static List<Row> rows(String kind) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AccountantFixtures.class.getResourceAsStream("accountant-fixtures.csv")) {
            if (in == null) {
                throw new IllegalStateException("accountant-fixtures.csv is missing; run plugins/dp/fixtures/make_fixtures.py");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("kind,")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f[0].equals(kind)) {
                    rows.add(new Row(f[0], number(f[1]), number(f[2]), f[3].isEmpty() ? 0 : Long.parseLong(f[3]), number(f[4]),
                            number(f[5]), number(f[6])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no '" + kind + "' rows in accountant-fixtures.csv");
        }
        return rows;
    }

    static boolean close(double expected, double actual) {
        return Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected));
    }

    private static double number(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
