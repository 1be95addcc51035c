package dev.genlab.runtime.tracking.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genlab.runtime.UserException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * HTTP to an MLflow tracking server: the artifact proxy, {@code /health}, and the timeouts, retries and cancellation
 * that the tracking calls (made by the MLflow Java client through {@link MlflowClientCalls}) share. Its REST methods
 * {@link #get} and {@link #post} have the guarantees the MLflow Java client lacks: connect and
 * request timeouts, and bounded retries with exponential backoff for what is worth retrying only — 5xx, 429 and
 * connections that never opened. A 4xx is the caller's mistake and fails at once; a request that timed out after
 * it was sent is not repeated (it may have been applied; {@code genlab sync} reconciles such batches).
 *
 * <p>Credentials come from the environment variables MLflow's own clients read: {@code MLFLOW_TRACKING_TOKEN}
 * (bearer) or {@code MLFLOW_TRACKING_USERNAME} + {@code MLFLOW_TRACKING_PASSWORD} (basic).
 */
public final class MlflowHttp {
    /** Timeouts and retries; {@link #DEFAULT} suits a run, tests shorten them. */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int attempts, Duration firstBackoff) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 3, Duration.ofMillis(500));

        public Settings {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
            }
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String API = "/api/2.0/mlflow/";
    /** The user-info of an http(s) URI: group 1 the scheme, group 2 {@code user:password}. */
    private static final java.util.regex.Pattern HTTP_USER_INFO = java.util.regex.Pattern.compile("^(?i)(https?://)([^/?#@]*)@");
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

    private final URI server;
    private final Settings settings;
    private final HttpClient client;
    private final String authorization;
    /** True once the run is cancelled: from then on requests get one attempt, and {@link #GRACE} in all. */
    private volatile java.util.function.BooleanSupplier abandon = () -> false;
    /** When the cancellation was first seen (System.nanoTime), or 0. */
    private volatile long cancelSeen;
    /** Set after abandoning: the end of the one short window in which the last words (the KILLED status) may be sent. */
    private volatile long lastWordsDeadline;

    public MlflowHttp(URI server, Settings settings) {
        this(server, settings, server.getRawUserInfo());
    }

    /**
     * A client for the tracking server {@code uri} as the user wrote it. User-info in it
     * ({@code http://user:pass@host}) becomes Basic credentials (unless MLFLOW_TRACKING_TOKEN or _USERNAME/_PASSWORD
     * are set) and goes no further: the URI kept, logged and recorded in mlflow.json has none.
     */
    public static MlflowHttp connect(String uri, Settings settings) {
        java.util.regex.Matcher m = HTTP_USER_INFO.matcher(uri.strip());
        return new MlflowHttp(normalize(uri), settings, m.find() ? m.group(2) : null);
    }

    private MlflowHttp(URI server, Settings settings, String userInfo) {
        this.server = normalize(server.toString());
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
        String fromEnv = authorization(System.getenv());
        this.authorization = fromEnv != null || userInfo == null ? fromEnv
                : "Basic " + Base64.getEncoder().encodeToString(java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }

    /** What a tracking URI must be. */
    public static final String NOT_A_SERVER = "must be the http(s) URL of an MLflow tracking server, e.g. http://127.0.0.1:5000"
            + " (start one with 'mlflow server' or 'genlab ui')";

    /** Whether {@code uri} is an http(s) URL with a host, as {@link #normalize} accepts. */
    public static boolean isServerUri(String uri) {
        try {
            normalize(uri);
            return true;
        } catch (UserException e) {
            return false;
        }
    }

    /** The server URI without a trailing slash or user-info; rejects what is not an http(s) tracking server. */
    public static URI normalize(String uri) {
        String u = HTTP_USER_INFO.matcher(uri.strip()).replaceFirst("$1");
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        URI parsed;
        try {
            parsed = URI.create(u);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || parsed.getHost() == null || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
            throw new UserException("MLflow tracking URI '" + u.replaceFirst("^([A-Za-z][A-Za-z0-9+.\\-]*://)[^/?#@]*@", "$1***@")
                    + "' is not an http(s) URL; genlab talks to an MLflow tracking server, "
                    + "e.g. http://127.0.0.1:5000 (start one with 'mlflow server' or 'genlab ui')");
        }
        return parsed;
    }

    public URI server() {
        return server;
    }

    Settings settings() {
        return settings;
    }

    /** The Authorization header value, or null. */
    String authorization() {
        return authorization;
    }

    /** The end (System.nanoTime) of the open {@link #lastWords} window, or 0. */
    long lastWordsDeadline() {
        return lastWordsDeadline;
    }

    /** The MLflow Java client for the tracking calls, configured by {@link MlflowClientCalls}; made on first use. */
    private MlflowClientCalls calls;

    synchronized MlflowClientCalls calls() {
        if (calls == null) {
            calls = new MlflowClientCalls(this);
        }
        return calls;
    }

    /**
     * Once {@code cancelled} turns true, requests are not retried, and what is in flight or sent later is given up
     * {@link #GRACE} after the cancellation was seen: a signal must not wait for a slow or hung server (a request
     * may otherwise take {@link Settings#requestTimeout()} and be retried), while a server that answers still
     * hears of the run.
     */
    public void abandonWhen(java.util.function.BooleanSupplier cancelled) {
        this.abandon = cancelled;
    }

    /** How long a cancelled run waits for the server: for what is in flight, and again for {@link #lastWords}. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    /**
     * Runs {@code calls} (e.g. the KILLED status of a cancelled run) even when the grace after the cancellation is
     * over, with one attempt per request and {@link #GRACE} for all of them together.
     */
    public void lastWords(Runnable calls) {
        lastWordsDeadline = System.nanoTime() + GRACE.toNanos();
        try {
            calls.run();
        } finally {
            lastWordsDeadline = 0;
        }
    }

    /** Whether the run was cancelled. */
    boolean cancelled() {
        if (!abandon.getAsBoolean()) {
            return false;
        }
        if (cancelSeen == 0) {
            cancelSeen = System.nanoTime();
        }
        return true;
    }

    /** Whether requests are given up: the run was cancelled more than {@link #GRACE} ago, and no {@link #lastWords} window is open. */
    boolean abandoned() {
        return lastWordsDeadline == 0 && cancelled() && System.nanoTime() - cancelSeen > GRACE.toNanos();
    }

    /** GET {@code /api/2.0/mlflow/<endpoint>?<query>}. */
    public JsonNode get(String endpoint, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(enc(k) + "=" + enc(v)));
        HttpRequest.Builder b = request(API + endpoint + q, settings.requestTimeout()).GET();
        return json(send(b.build(), true), "GET " + endpoint);
    }

    /** POST {@code /api/2.0/mlflow/<endpoint>} with a JSON body. */
    public JsonNode post(String endpoint, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a request to " + endpoint, e);
        }
        HttpRequest.Builder b = request(API + endpoint, settings.requestTimeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        return json(send(b.build(), false), "POST " + endpoint);
    }

    /** Uploads a file through the artifact proxy: PUT {@code /api/2.0/mlflow-artifacts/artifacts/<path>}. */
    public void upload(String artifactPath, Path file) {
        long size;
        HttpRequest.BodyPublisher body;
        try {
            size = Files.size(file);
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("artifact " + file + " is gone", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read artifact " + file + ": " + e.getMessage(), e);
        }
        // big files need longer than a metric batch: 1 s per MB on top of the usual timeout
        Duration timeout = settings.requestTimeout().plusSeconds(size / 1_000_000);
        HttpRequest r = request(ARTIFACTS + encodePath(artifactPath), timeout).header("Content-Type", "application/octet-stream").PUT(body).build();
        HttpResponse<byte[]> response = send(r, true);
        if (response.statusCode() >= 300) {
            throw error(response, "PUT artifact " + artifactPath);
        }
    }

    /** Downloads an artifact through the proxy. */
    public byte[] download(String artifactPath) {
        HttpRequest r = request(ARTIFACTS + encodePath(artifactPath), settings.requestTimeout()).GET().build();
        HttpResponse<byte[]> response = send(r, true);
        if (response.statusCode() >= 300) {
            throw error(response, "GET artifact " + artifactPath);
        }
        return response.body();
    }

    /** True if {@code GET /health} answers 200 now (one attempt, short timeout). */
    public boolean healthy() {
        try {
            HttpResponse<Void> r = client.send(request("/health", Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(timeout).header("User-Agent", "genlab");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /**
     * Sends with bounded retries. {@code idempotent} requests are also retried when the connection broke after
     * sending; others only when it never opened, so a batch is never applied twice by a retry. Once the run is
     * cancelled ({@link #abandonWhen}) there is one attempt, given up when the grace is over; in a
     * {@link #lastWords} window, one attempt within what is left of the window.
     */
    private HttpResponse<byte[]> send(HttpRequest request, boolean idempotent) {
        String what = request.method() + " " + request.uri().getPath();
        long backoff = settings.firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= settings.attempts() || lastWordsDeadline != 0 || cancelled();
            try {
                HttpResponse<byte[]> response = await(request, what);
                int s = response.statusCode();
                if ((s >= 500 || s == 429) && !last) {
                    sleep(backoff, what);
                    backoff *= 2;
                    continue;
                }
                return response;
            } catch (HttpConnectTimeoutException | ConnectException e) {
                if (last) {
                    throw unreachable(what, e);
                }
            } catch (HttpTimeoutException e) {
                long after = lastWordsDeadline != 0 ? GRACE.toSeconds() : request.timeout().map(Duration::toSeconds).orElse(0L);
                throw new MlflowException(what + " to " + server + " timed out after " + after + " s", 0, null, e);
            } catch (IOException e) {
                if (last || !idempotent) {
                    throw unreachable(what, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MlflowException(what + " to " + server + " was interrupted", 0, null, e);
            }
            sleep(backoff, what);
            backoff *= 2;
        }
    }

    /** How often a request in flight checks whether the run was cancelled. */
    static final long POLL_MILLIS = 100;

    /** One attempt: the response, or the exception {@code client.send} would have thrown; given up when abandoned. */
    private HttpResponse<byte[]> await(HttpRequest request, String what) throws IOException, InterruptedException {
        if (abandoned()) {
            throw abandonedError(what);
        }
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            while (true) {
                try {
                    return pending.get(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillWaiting) {
                    long deadline = lastWordsDeadline;
                    if (abandoned()) {
                        throw abandonedError(what);
                    }
                    if (deadline != 0 && System.nanoTime() > deadline) {
                        throw new HttpTimeoutException("no answer within " + GRACE.toSeconds() + " s");
                    }
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause);
        } finally {
            pending.cancel(true);
        }
    }

    MlflowException abandonedError(String what) {
        return MlflowException.abandoned(what + " to " + server + " was given up: the run was cancelled and the server did not answer within "
                + GRACE.toSeconds() + " s");
    }

    private MlflowException unreachable(String what, IOException e) {
        String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException && (reason.equals("ConnectException") || reason.isBlank())) {
            reason = "connection refused";
        }
        return new MlflowException("MLflow server " + server + " is unreachable (" + what + ": " + reason + ")", 0, null, e);
    }

    private JsonNode json(HttpResponse<byte[]> response, String what) {
        if (response.statusCode() >= 300) {
            throw error(response, what);
        }
        try {
            byte[] body = response.body();
            return body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MlflowException(what + " to " + server + " answered with something that is not JSON (is this an MLflow server?)",
                    response.statusCode(), null, e);
        }
    }

    private MlflowException error(HttpResponse<byte[]> response, String what) {
        return serverError(what, server, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    /**
     * A server's error answer as genlab's error: status, MLflow error code and message (the first 300 characters of a
     * body that is not MLflow's JSON). One reading for both ways genlab talks to the server (this class, the client).
     */
    static MlflowException serverError(String what, URI server, int status, String body) {
        String code = null;
        String message = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n != null && n.has("error_code")) {
                code = n.get("error_code").asText();
                message = code + ": " + n.path("message").asText();
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        return new MlflowException(what + " to " + server + " failed with HTTP " + status + (message.isBlank() ? "" : ": " + message.strip()),
                status, code, null);
    }

    /** Waits before a retry, in steps, giving up when the run is cancelled. */
    void sleep(long millis, String what) {
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                if (abandoned()) {
                    throw abandonedError(what);
                }
                Thread.sleep(Math.min(left, POLL_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowException("interrupted while waiting to retry", 0, null, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Encodes each segment of a relative path, keeping the slashes. */
    static String encodePath(String path) {
        StringJoiner j = new StringJoiner("/");
        for (String segment : path.split("/", -1)) {
            j.add(enc(segment).replace("+", "%20"));
        }
        return j.toString();
    }

    static String authorization(Map<String, String> env) {
        String token = env.get("MLFLOW_TRACKING_TOKEN");
        if (token != null && !token.isBlank()) {
            return "Bearer " + token;
        }
        String user = env.get("MLFLOW_TRACKING_USERNAME");
        String password = env.get("MLFLOW_TRACKING_PASSWORD");
        if (user != null && password != null) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }
}
