package dev.genlab.runtime.tracking.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.genlab.runtime.store.StoredRun.MetricPoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracking calls made by the MLflow Java client keep genlab's guarantees (see docs/mlflow.md): against a real
 * HTTP server that misbehaves on purpose, what is retried and what is not, timeouts, cancellation, credentials.
 * That the client talks to a real MLflow server correctly is what TestMlflowTracker, TestMlflowSync and the CLI
 * tests check.
 */
class TestMlflowClientCalls {
    private static final MlflowHttp.Settings FAST = new MlflowHttp.Settings(Duration.ofSeconds(1), Duration.ofMillis(700), 3, Duration.ofMillis(10));

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private volatile long delayMillis;
    private volatile String badRequest = "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad key\"}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath().replace("/api/2.0/mlflow/", ""));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status;
            synchronized (statuses) {
                status = statuses.poll();
            }
            int s = status == null ? 200 : status;
            byte[] body = (s == 400 ? badRequest : "{}").getBytes(StandardCharsets.UTF_8);
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

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private MlflowTrackingApi api(MlflowHttp.Settings settings) {
        return new MlflowTrackingApi(new MlflowHttp(uri(), settings));
    }

    private static final List<MetricPoint> POINTS = List.of(new MetricPoint("loss", 0.5, 1, 1000), new MetricPoint("loss", 0.25, 2, 2000));

    @Test
    void callsThatCannotDuplicateAreRetriedOnServerErrorsAndRateLimits() {
        statuses.addAll(List.of(503, 429));
        api(FAST).getRun("r");
        assertEquals(List.of("GET runs/get", "GET runs/get", "GET runs/get"), requests);
        requests.clear();
        statuses.add(500);
        api(FAST).logBatch("r", List.of(), Map.of("model.epochs", "3"), Map.of("genlab.seed", "1"));
        assertEquals(2, requests.size(), "params and tags alone may be sent again: " + requests);
    }

    @Test
    void aMetricBatchOrANewRunIsNeverRetriedByTheClientLayer() {
        statuses.add(503);
        MlflowException e = assertThrows(MlflowException.class, () -> api(FAST).logBatch("r", POINTS, Map.of(), Map.of()));
        assertEquals(503, e.status());
        statuses.add(502);
        assertEquals(502, assertThrows(MlflowException.class, () -> api(FAST).createRun("1", "x", 1, Map.of())).status());
        assertEquals(List.of("POST runs/log-batch", "POST runs/create"), requests, "one attempt each");
    }

    @Test
    void aBatchAnsweredWithA5xxIsCheckedAgainstTheServersHistoryBeforeItIsResent() {
        statuses.add(503);
        MlflowSyncState state = MlflowSyncState.load(null);
        MlflowRunPusher pusher = new MlflowRunPusher(api(FAST), state);
        pusher.server().runId = "r";
        pusher.pushMetrics(POINTS, 0);
        // this server's history is empty, so both points are sent again, once
        assertEquals(List.of("POST runs/log-batch", "GET metrics/get-history", "POST runs/log-batch"), requests);
        assertEquals(2, pusher.server().metricsPushed);
        assertTrue(!pusher.server().metricsInDoubt());
    }

    private static final MlflowDatasetInput DATASET = new MlflowDatasetInput("adult", "d1", "local", "adult.csv", null, null, "training");

    /** What the MLflow server answers the loser of two runs that log the same new dataset at once (seen in TestSparkSweeps). */
    @Test
    void aDatasetLostToAnotherRunsInsertIsLoggedAgain() {
        badRequest = "{\"error_code\":\"BAD_REQUEST\",\"message\":\"(sqlite3.IntegrityError) UNIQUE constraint failed: datasets.experiment_id,"
                + " datasets.name, datasets.digest\"}";
        statuses.add(400);
        api(FAST).logInput("r", DATASET);
        assertEquals(List.of("POST runs/log-inputs", "POST runs/log-inputs"), requests);
        requests.clear();
        statuses.addAll(List.of(400, 400, 400));
        MlflowException e = assertThrows(MlflowException.class, () -> api(FAST).logInput("r", DATASET));
        assertEquals(MlflowTrackingApi.DATASET_RACE_ATTEMPTS, requests.size(), "given up after a few attempts: " + requests);
        assertTrue(e.getMessage().contains("UNIQUE constraint failed"), e.getMessage());
    }

    @Test
    void anyOtherBadRequestWhenLoggingADatasetIsNotSentAgain() {
        statuses.add(400);
        assertThrows(MlflowException.class, () -> api(FAST).logInput("r", DATASET));
        assertEquals(List.of("POST runs/log-inputs"), requests);
    }

    @Test
    void clientErrorsAreNotRetriedAndSayWhy() {
        statuses.add(400);
        MlflowException e = assertThrows(MlflowException.class, () -> api(FAST).getRun("r"));
        assertEquals(List.of("GET runs/get"), requests);
        assertEquals("INVALID_PARAMETER_VALUE", e.errorCode());
        assertTrue(e.getMessage().contains("GET runs/get to " + uri() + " failed with HTTP 400: INVALID_PARAMETER_VALUE: bad key"), e.getMessage());
    }

    @Test
    void aHungServerTimesOutAndABatchIsNotSentTwice() {
        delayMillis = 10_000;
        MlflowException e = assertThrows(MlflowException.class, () -> api(FAST).logBatch("r", POINTS, Map.of(), Map.of()));
        assertTrue(e.isUnreachable(), e.getMessage());
        assertTrue(e.getMessage().contains("POST runs/log-batch to " + uri() + " timed out after 0 s")
                || e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(List.of("POST runs/log-batch"), requests, "a request that may have been applied is not repeated");
    }

    @Test
    void aCancelledRunGivesUpACallInFlightAndSendsNothingMore() throws InterruptedException {
        delayMillis = 60_000;
        MlflowHttp http = new MlflowHttp(uri(), new MlflowHttp.Settings(Duration.ofSeconds(5), Duration.ofSeconds(120), 3, Duration.ofMillis(10)));
        AtomicBoolean cancelled = new AtomicBoolean();
        http.abandonWhen(cancelled::get);
        MlflowTrackingApi api = new MlflowTrackingApi(http);
        Thread signal = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cancelled.set(true);
        });
        signal.start();
        MlflowException e = assertThrows(MlflowException.class, () -> api.logBatch("r", POINTS, Map.of(), Map.of()));
        signal.join();
        assertTrue(e.isAbandoned(), e.getMessage());
        assertTrue(e.getMessage().contains("was given up: the run was cancelled"), e.getMessage());
        assertEquals(1, requests.size(), "not retried");
        assertTrue(assertThrows(MlflowException.class, () -> api.getRun("r")).isAbandoned());
        assertEquals(1, requests.size(), "nothing sent after the grace");
    }

    @Test
    void theLastWordsOfACancelledRunGetOneAttempt() {
        MlflowHttp http = new MlflowHttp(uri(), FAST);
        http.abandonWhen(() -> true);
        MlflowTrackingApi api = new MlflowTrackingApi(http);
        statuses.add(503);
        MlflowException refused = assertThrows(MlflowException.class, () -> http.lastWords(() -> api.endRun("r", "KILLED", 5)));
        assertEquals(503, refused.status());
        http.lastWords(() -> api.endRun("r", "KILLED", 5));
        assertEquals(List.of("POST runs/update", "POST runs/update"), requests, "a 503 is not retried in that window");
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedAsUnreachable() {
        URI gone = uri();
        server.stop(0);
        MlflowException e = assertThrows(MlflowException.class, () -> new MlflowTrackingApi(new MlflowHttp(gone, FAST)).getRun("r"));
        assertTrue(e.isUnreachable());
        assertTrue(e.getMessage().contains("MLflow server " + gone + " is unreachable (GET runs/get: connection refused)"), e.getMessage());
    }

    @Test
    void theClientSendsTheCredentialsOfTheUri() {
        MlflowHttp http = MlflowHttp.connect("http://someone:s3cret@127.0.0.1:" + server.getAddress().getPort(), FAST);
        new MlflowTrackingApi(http).getRun("r");
        assertEquals(List.of("Basic " + Base64.getEncoder().encodeToString("someone:s3cret".getBytes(StandardCharsets.UTF_8))), authorizations);
        assertEquals(uri(), http.server(), "the URI kept has no user-info");
    }
}
