package dev.genlab.runtime.tracking.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.UserException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestMlflowLimits {
    @Test
    void keysAreMadeToFitMlflowsCharsetAndLength() {
        assertEquals("model.batch-size", MlflowLimits.key("model.batch-size"));
        assertEquals("fairness.sex_F_.gap", MlflowLimits.key("fairness.sex[F].gap"));
        // no '/' reaches MLflow (its UI makes sections of them): one separator instead
        assertEquals("a-x-b", MlflowLimits.key("/a//b/"));
        assertEquals("fairness.sex-x-race.Female-x-White.share", MlflowLimits.key("fairness.sex/race.Female/White.share"));
        assertEquals(".-x-..-x-x", MlflowLimits.key("./../x"));
        assertEquals("__", MlflowLimits.key(".."));
        assertEquals("caf_ metric", MlflowLimits.key("café metric"));
        assertEquals(250, MlflowLimits.key("k".repeat(300)).length());
        assertEquals("_", MlflowLimits.key("//"));
    }

    @Test
    void longValuesAreTruncatedVisibly() {
        assertEquals("short", MlflowLimits.paramValue("short"));
        String p = MlflowLimits.paramValue("x".repeat(6001));
        assertEquals(6000, p.length());
        assertTrue(p.endsWith(MlflowLimits.TRUNCATED));
        assertEquals(8000, MlflowLimits.tagValue("y".repeat(9000)).length());
        String emoji = "a".repeat(5987) + "😀".repeat(10);
        String cut = MlflowLimits.paramValue(emoji);
        assertTrue(cut.length() <= 6000 && !Character.isHighSurrogate(cut.charAt(cut.length() - MlflowLimits.TRUNCATED.length() - 1)));
    }

    @Test
    void batchesRespectCountAndBytes() {
        List<Integer> entries = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            entries.add(i);
        }
        List<List<Integer>> byCount = MlflowLimits.chunks(entries, 1000, e -> 100);
        assertEquals(List.of(1000, 1000, 500), byCount.stream().map(List::size).toList());
        List<List<Integer>> bySize = MlflowLimits.chunks(entries.subList(0, 100), 100, e -> 100_000);
        assertEquals(12, bySize.size(), "at most 9 entries of 100 kB under the 900 kB budget");
        assertEquals(List.of(List.of(0)), MlflowLimits.chunks(List.of(0), 10, e -> 2_000_000), "an entry larger than the budget goes alone");
        assertEquals(0, MlflowLimits.chunks(List.of(), 10, e -> 1).size());
    }

    @Test
    void onlyHttpTrackingServersAreAccepted() {
        assertEquals("http://127.0.0.1:5000", MlflowHttp.normalize(" http://127.0.0.1:5000/ ").toString());
        assertEquals("https://mlflow.example.com/prefix", MlflowHttp.normalize("https://mlflow.example.com/prefix/").toString());
        UserException e = assertThrows(UserException.class, () -> MlflowHttp.normalize("file:///tmp/mlruns"));
        assertTrue(e.getMessage().contains("is not an http(s) URL"), e.getMessage());
        assertThrows(UserException.class, () -> MlflowHttp.normalize("databricks"));
    }

    @Test
    void artifactPathsAreEncodedSegmentBySegment() {
        assertEquals("1/abc/artifacts/report/a%20b%23c.png", MlflowHttp.encodePath("1/abc/artifacts/report/a b#c.png"));
    }

    @Test
    void credentialsComeFromMlflowsEnvironmentVariables() {
        assertEquals("Bearer t0k", MlflowHttp.authorization(java.util.Map.of("MLFLOW_TRACKING_TOKEN", "t0k")));
        assertEquals("Basic dTpw", MlflowHttp.authorization(java.util.Map.of("MLFLOW_TRACKING_USERNAME", "u", "MLFLOW_TRACKING_PASSWORD", "p")));
        assertEquals(null, MlflowHttp.authorization(java.util.Map.of()));
    }
}
