package dev.genlab.runtime.tracking.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timeouts and retries against a real HTTP server that misbehaves on purpose (the JDK's own): what a real MLflow
 * server cannot be made to do on demand.
 */
class TestMlflowHttp {
    private static final MlflowHttp.Settings FAST = new MlflowHttp.Settings(Duration.ofSeconds(1), Duration.ofMillis(700), 3, Duration.ofMillis(10));

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = statuses.poll();
            int s = status == null ? 200 : status;
            byte[] body = (s == 400 ? "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad key\"}" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(s, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private MlflowHttp http() {
        return new MlflowHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), FAST);
    }

    @Test
    void serverErrorsAndRateLimitsAreRetried() {
        statuses.add(503);
        statuses.add(429);
        http().post("runs/log-batch", Map.of("run_id", "r"));
        assertEquals(3, requests.get());
    }

    @Test
    void retriesAreBounded() {
        for (int i = 0; i < 5; i++) {
            statuses.add(500);
        }
        MlflowException e = assertThrows(MlflowException.class, () -> http().post("runs/log-batch", Map.of()));
        assertEquals(500, e.status());
        assertEquals(3, requests.get(), "3 attempts, then the error");
    }

    @Test
    void clientErrorsAreNotRetried() {
        statuses.add(400);
        MlflowException e = assertThrows(MlflowException.class, () -> http().post("runs/log-batch", Map.of()));
        assertEquals(1, requests.get());
        assertEquals("INVALID_PARAMETER_VALUE", e.errorCode());
        assertTrue(e.getMessage().contains("HTTP 400: INVALID_PARAMETER_VALUE: bad key"), e.getMessage());
    }

    @Test
    void aHungServerTimesOutAndABatchIsNotSentTwice() {
        delayMillis = 5000;
        long t0 = System.nanoTime();
        MlflowException e = assertThrows(MlflowException.class, () -> http().post("runs/log-batch", Map.of()));
        assertTrue(e.isUnreachable());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "gave up after the request timeout");
        assertEquals(1, requests.get(), "a request that may have been applied is not repeated");
    }

    @Test
    void aCancelledRunGivesUpARequestInFlightAfterTheGrace() throws InterruptedException {
        delayMillis = 20_000;
        MlflowHttp http = new MlflowHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                new MlflowHttp.Settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 3, Duration.ofMillis(10)));
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        http.abandonWhen(cancelled::get);
        Thread signal = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cancelled.set(true);
        });
        signal.start();
        long t0 = System.nanoTime();
        MlflowException e = assertThrows(MlflowException.class, () -> http.post("runs/log-batch", Map.of()));
        signal.join();
        assertTrue(e.isAbandoned(), e.getMessage());
        assertTrue(e.getMessage().contains("was given up: the run was cancelled"), e.getMessage());
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= MlflowHttp.GRACE.toNanos(), "a server that is only slow gets the grace");
        assertTrue(waited < 15_000_000_000L, "not the 30 s request timeout");
        assertEquals(1, requests.get(), "not retried");
        // after the grace, nothing more is sent
        assertTrue(assertThrows(MlflowException.class, () -> http.get("experiments/get", Map.of())).isAbandoned());
        assertEquals(1, requests.get());
    }

    @Test
    void aCancelledRunStillReachesAServerThatAnswersButIsNotRetried() {
        MlflowHttp http = http();
        http.abandonWhen(() -> true);
        http.post("runs/create", Map.of());
        statuses.add(503);
        assertEquals(503, assertThrows(MlflowException.class, () -> http.post("runs/log-batch", Map.of())).status());
        assertEquals(2, requests.get(), "one attempt each once cancelled");
    }

    @Test
    void theLastWordsOfACancelledRunGetOneShortAttempt() {
        MlflowHttp http = http();
        http.abandonWhen(() -> true);
        statuses.add(503);
        // the end of a cancelled run is still sent, once: a 503 is not retried in that window
        MlflowException refused = assertThrows(MlflowException.class, () -> http.lastWords(() -> http.post("runs/update", Map.of())));
        assertEquals(503, refused.status());
        assertEquals(1, requests.get());
        http.lastWords(() -> http.post("runs/update", Map.of()));
        assertEquals(2, requests.get());
        // and a hung server gets the window, not the request timeout
        delayMillis = 20_000;
        MlflowHttp slow = new MlflowHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                new MlflowHttp.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60), 3, Duration.ofMillis(10)));
        slow.abandonWhen(() -> true);
        long t0 = System.nanoTime();
        MlflowException hung = assertThrows(MlflowException.class, () -> slow.lastWords(() -> slow.post("runs/update", Map.of())));
        assertTrue(hung.getMessage().contains("timed out"), hung.getMessage());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "within the grace, not the 60 s request timeout");
        assertEquals(3, requests.get());
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedAsUnreachable() {
        int port = server.getAddress().getPort();
        server.stop(0);
        MlflowException e = assertThrows(MlflowException.class,
                () -> new MlflowHttp(URI.create("http://127.0.0.1:" + port), FAST).get("experiments/get-by-name", Map.of("experiment_name", "x")));
        assertTrue(e.isUnreachable());
        assertTrue(e.getMessage().contains("is unreachable"), e.getMessage());
    }

    @Test
    void aServerWithoutArtifactProxyGetsAClearError() {
        MlflowSyncState state = MlflowSyncState.load(null);
        MlflowRunPusher pusher = new MlflowRunPusher(new MlflowTrackingApi(http()), state);
        pusher.server().artifactUri = "/srv/mlruns/1/abc/artifacts";
        MlflowException e = assertThrows(MlflowException.class, pusher::artifactRoot);
        assertTrue(e.getMessage().contains("does not serve artifacts") && e.getMessage().contains("--serve-artifacts"), e.getMessage());
        pusher.server().artifactUri = "mlflow-artifacts:/1/abc/artifacts";
        assertEquals("1/abc/artifacts", pusher.artifactRoot());
        pusher.server().artifactUri = "mlflow-artifacts://host:5000/1/abc/artifacts";
        assertEquals("1/abc/artifacts", pusher.artifactRoot());
    }

    @Test
    void userInfoInTheUriBecomesCredentialsAndIsDroppedFromTheUriKept() {
        MlflowHttp http = MlflowHttp.connect("http://alice:pa55@127.0.0.1:5000/", MlflowHttp.Settings.DEFAULT);
        org.junit.jupiter.api.Assertions.assertEquals("http://127.0.0.1:5000", http.server().toString(),
                "the URI logged and recorded in mlflow.json carries no password");
        org.junit.jupiter.api.Assertions.assertEquals("http://127.0.0.1:5000", MlflowHttp.normalize("http://alice:pa55@127.0.0.1:5000").toString());
        dev.genlab.runtime.UserException e = org.junit.jupiter.api.Assertions.assertThrows(dev.genlab.runtime.UserException.class,
                () -> MlflowHttp.normalize("ftp://alice:pa55@example.org"));
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("pa55"), e.getMessage());
    }
}
