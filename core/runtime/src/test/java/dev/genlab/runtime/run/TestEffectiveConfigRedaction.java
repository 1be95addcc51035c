package dev.genlab.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestEffectiveConfigRedaction {
    private static final Map<String, String> ENV = Map.of(
            "HF_TOKEN", "hf_abcdefghijkl",
            "DB_PASSWORD", "correct-horse",
            "FEATURE_TOKEN", "true",
            "HOME", "/home/someone-long");

    private static final Config CONFIG = ConfigFactory.parseString("""
            model { api-key = "k-123", note = "plain" }
            dataset { url = "https://user:correct-horse@db.example.com/data", files = ["a.csv", "token-hf_abcdefghijkl.csv"] }
            tracking.mlflow.uri = "http://127.0.0.1:5000"
            flag = true
            home = "/home/someone-long/data"
            """);

    @Test
    void secretKeysAndSecretEnvironmentValuesAreRedactedInParams() {
        Map<String, String> p = EffectiveConfig.flatten(CONFIG, ENV);
        assertEquals("***", p.get("model.api-key"));
        assertEquals("plain", p.get("model.note"));
        assertEquals("https://user:***@db.example.com/data", p.get("dataset.url"));
        assertEquals("[\"a.csv\",\"token-***.csv\"]", p.get("dataset.files"));
        assertEquals("true", p.get("flag"), "short values of secret-named variables are not hunted for everywhere");
        assertEquals("/home/someone-long/data", p.get("home"), "HOME is not a secret");
        assertEquals("http://127.0.0.1:5000", p.get("tracking.mlflow.uri"));
    }

    @Test
    void configConfIsRedactedTheSameWay() {
        String rendered = EffectiveConfig.redacted(CONFIG, ENV).root().render();
        assertFalse(rendered.contains("k-123"), rendered);
        assertFalse(rendered.contains("correct-horse"), rendered);
        assertFalse(rendered.contains("hf_abcdefghijkl"), rendered);
        Config back = EffectiveConfig.redacted(CONFIG, ENV);
        assertEquals("***", back.getString("model.api-key"));
        assertEquals("https://user:***@db.example.com/data", back.getString("dataset.url"));
    }
}
