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
        assertEquals("https://***@db.example.com/data", p.get("dataset.url"), "URI user-info is redacted whole");
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
        assertEquals("https://***@db.example.com/data", back.getString("dataset.url"));
    }

    @Test
    void aSecretEnvironmentValueSubstitutedIntoAListIsRedactedWhateverItsLength() {
        Map<String, String> env = Map.of("MY_TOKEN", "s3cr3t");
        Config c = ConfigFactory.parseString("dataset { missing = [\"\", \"?\", ${?MY_TOKEN}], label = \"s3cr3t\" }")
                .resolveWith(ConfigFactory.parseMap(env, "env variables"));
        Map<String, String> p = EffectiveConfig.flatten(c, env);
        assertEquals("[\"\",\"?\",\"***\"]", p.get("dataset.missing"), "a 6-character token from ${?MY_TOKEN} in a list");
        assertEquals("***", p.get("dataset.label"), "once substituted it is redacted wherever it appears");
        String rendered = EffectiveConfig.redacted(c, env).root().render();
        assertFalse(rendered.contains("s3cr3t"), rendered);
    }

    @Test
    void aSecretKeysValueSubstitutedUnderAnotherNameIsRedactedThereToo() {
        Config c = ConfigFactory.parseString("""
                vars { api-key = "ak-0123456789", token = "t-12", endpoint = "https://example.org/q?key="${vars.api-key}"&t="${vars.token} }
                """).resolve();
        Map<String, String> p = EffectiveConfig.flatten(c, Map.of());
        assertEquals("***", p.get("vars.api-key"));
        assertEquals("***", p.get("vars.token"));
        assertEquals("https://example.org/q?key=***&t=t-12", p.get("vars.endpoint"),
                "long values are hunted for everywhere; a 4-character one would match by chance");
        assertFalse(EffectiveConfig.redacted(c, Map.of()).root().render().contains("ak-0123456789"));
    }

    @Test
    void everythingInsideASecretNamedBlockIsRedacted() {
        Config c = ConfigFactory.parseString("credentials { user = alice, pass = hunter22 }\nmodel { token { value = abc, ttl = 5 } }\nkeys = [a, b]\ntokenizer = char");
        Map<String, String> p = EffectiveConfig.flatten(c, Map.of());
        assertEquals("***", p.get("credentials.user"));
        assertEquals("***", p.get("credentials.pass"));
        assertEquals("***", p.get("model.token.value"));
        assertEquals("***", p.get("model.token.ttl"));
        assertEquals("[\"a\",\"b\"]", p.get("keys"), "'keys' is not a secret name");
        assertEquals("char", p.get("tokenizer"), "nor is 'tokenizer'");
        String rendered = EffectiveConfig.redacted(c, Map.of()).root().render();
        assertFalse(rendered.contains("alice"), rendered);
        assertFalse(rendered.contains("hunter22"), rendered);
    }

    @Test
    void uriUserInfoIsRedactedInAnyValueAndInErrorText() {
        Config c = ConfigFactory.parseString("tracking.mlflow.uri = \"http://user:pa55@127.0.0.1:5000\"\nnote = \"see https://tok@example.org/x\"");
        Map<String, String> p = EffectiveConfig.flatten(c, Map.of());
        assertEquals("http://***@127.0.0.1:5000", p.get("tracking.mlflow.uri"));
        assertEquals("see https://***@example.org/x", p.get("note"));
        assertEquals("cannot reach http://***@127.0.0.1:5000/api", dev.genlab.runtime.util.Secrets.of(c, Map.of())
                .redact("cannot reach http://user:pa55@127.0.0.1:5000/api"));
    }
}
