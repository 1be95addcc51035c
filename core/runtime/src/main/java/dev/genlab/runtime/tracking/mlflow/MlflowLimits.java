package dev.genlab.runtime.tracking.mlflow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What an MLflow server accepts (mlflow/utils/validation.py): key charset and length, value lengths, and the
 * size of one {@code runs/log-batch} request. Anything outside is made to fit here rather than rejected there.
 */
final class MlflowLimits {
    static final int METRICS_PER_BATCH = 1000;
    static final int PARAMS_OR_TAGS_PER_BATCH = 100;
    /** MLflow's limit is 1 MB; stay under it with room for the JSON around the entries. */
    static final int BATCH_BYTES = 900_000;
    static final int KEY_LENGTH = 250;
    static final int PARAM_VALUE_LENGTH = 6000;
    static final int TAG_VALUE_LENGTH = 8000;
    static final int RUN_NAME_LENGTH = 250;
    static final int DATASET_DIGEST_LENGTH = 36;
    static final String TRUNCATED = "…[truncated]";

    private MlflowLimits() {
    }

    /**
     * The one separator that stands for genlab's {@code /} in MLflow keys: fairness intersections
     * ({@code fairness.sex/race…} becomes {@code fairness.sex-x-race…}) and a sweep parent's setting and metric. MLflow's
     * UI splits keys at {@code /} into sections, which made wrong sections of these.
     */
    static final String SLASH = "-x-";

    /**
     * A key MLflow accepts: letters, digits, {@code _ - .} and space (genlab's {@code /} becomes {@link #SLASH}), at most
     * 250 characters, and not {@code .} or {@code ..}, since file stores use keys as file names.
     */
    static String key(String key) {
        List<String> segments = new ArrayList<>();
        for (String s : key.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        String joined = String.join(SLASH, segments);
        StringBuilder b = new StringBuilder(joined.length());
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ' ');
            b.append(ok ? c : '_');
        }
        String out = b.toString();
        if (out.isEmpty() || out.equals(".") || out.equals("..")) {
            out = out.replace('.', '_');
            out = out.isEmpty() ? "_" : out;
        }
        return out.length() > KEY_LENGTH ? out.substring(0, KEY_LENGTH) : out;
    }

    static String paramValue(String value) {
        return truncate(value, PARAM_VALUE_LENGTH);
    }

    static String tagValue(String value) {
        return truncate(value, TAG_VALUE_LENGTH);
    }

    static String truncate(String value, int length) {
        if (value.length() <= length) {
            return value;
        }
        int cut = length - TRUNCATED.length();
        if (Character.isHighSurrogate(value.charAt(cut - 1))) {
            cut--;
        }
        return value.substring(0, cut) + TRUNCATED;
    }

    /** Splits entries into consecutive chunks of at most {@code count} entries and {@link #BATCH_BYTES} bytes. */
    static <T> List<List<T>> chunks(List<T> entries, int count, ToIntFunction<T> bytes) {
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>();
        int size = 0;
        for (T e : entries) {
            int b = bytes.applyAsInt(e);
            if (!current.isEmpty() && (current.size() >= count || size + b > BATCH_BYTES)) {
                out.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(e);
            size += b;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** The JSON size of a key/value entry, near enough: the margin under MLflow's 1 MB absorbs escapes. */
    static int entryBytes(String key, String value) {
        return 32 + utf8(key) + utf8(value);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
