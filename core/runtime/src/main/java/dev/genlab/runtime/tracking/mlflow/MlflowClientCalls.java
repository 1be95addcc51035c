package dev.genlab.runtime.tracking.mlflow;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.mlflow.tracking.GenlabClients;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow_project.apachehttp.HttpHost;
import org.mlflow_project.apachehttp.HttpRequest;
import org.mlflow_project.apachehttp.client.ClientProtocolException;
import org.mlflow_project.apachehttp.client.config.RequestConfig;
import org.mlflow_project.apachehttp.client.methods.CloseableHttpResponse;
import org.mlflow_project.apachehttp.client.methods.HttpRequestBase;
import org.mlflow_project.apachehttp.conn.ConnectTimeoutException;
import org.mlflow_project.apachehttp.impl.client.CloseableHttpClient;
import org.mlflow_project.apachehttp.impl.client.HttpClientBuilder;
import org.mlflow_project.apachehttp.protocol.HttpContext;

/**
 * The tracking calls, made by the MLflow Java client ({@link MlflowClient}) and wrapped so they keep the guarantees
 * of {@link MlflowHttp}:
 *
 * <ul>
 *   <li>the client's HTTP caller gets an HTTP client with connect and socket timeouts, no automatic retries, one
 *       attempt per call ({@link GenlabClients});
 *   <li>each call runs on a worker thread and is waited for at most {@link MlflowHttp.Settings#requestTimeout()} (a
 *       server that trickles bytes cannot stretch it); then, or when the run is cancelled and the grace is over, the
 *       request in flight is aborted;
 *   <li>retries with exponential backoff: a connection that never opened, always; 5xx, 429 and a connection broken
 *       after sending, only for calls that cannot duplicate anything ({@code idempotent}). A metric batch is not
 *       idempotent: its caller ({@link MlflowRunPusher}) checks the server's history before resending.
 * </ul>
 */
final class MlflowClientCalls {

    private final MlflowHttp http;
    private final MlflowClient client;
    private final Set<HttpRequestBase> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mlflow-client-call");
        t.setDaemon(true);
        return t;
    });

    MlflowClientCalls(MlflowHttp http) {
        this.http = http;
        MlflowHttp.Settings s = http.settings();
        RequestConfig timeouts = RequestConfig.custom().setConnectTimeout((int) s.connectTimeout().toMillis())
                .setConnectionRequestTimeout((int) s.connectTimeout().toMillis()).setSocketTimeout((int) s.requestTimeout().toMillis()).build();
        CloseableHttpClient apache = HttpClientBuilder.create().setDefaultRequestConfig(timeouts).disableAutomaticRetries().disableCookieManagement()
                .build();
        this.client = GenlabClients.create(credentials(http), new Abortable(apache));
    }

    /** The server and credentials as the client wants them: MLFLOW_TRACKING_TOKEN or user and password, as {@link MlflowHttp} has them. */
    private static BasicMlflowHostCreds credentials(MlflowHttp http) {
        String host = http.server().toString();
        String auth = http.authorization();
        if (auth != null && auth.startsWith("Bearer ")) {
            return new BasicMlflowHostCreds(host, auth.substring("Bearer ".length()));
        }
        if (auth != null && auth.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(auth.substring("Basic ".length())), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return new BasicMlflowHostCreds(host, pair.substring(0, Math.max(0, colon)), colon < 0 ? "" : pair.substring(colon + 1));
        }
        return new BasicMlflowHostCreds(host);
    }

    MlflowClient client() {
        return client;
    }

    /**
     * Runs {@code call} on the client under genlab's timeouts, retries and cancellation.
     *
     * @param what       e.g. {@code POST runs/log-batch}, for messages
     * @param idempotent whether repeating a call the server may have applied changes nothing
     */
    <T> T call(String what, boolean idempotent, Function<MlflowClient, T> call) {
        long backoff = http.settings().firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= http.settings().attempts() || http.lastWordsDeadline() != 0 || http.cancelled();
            try {
                return once(what, call);
            } catch (MlflowHttpException e) {
                int status = e.getStatusCode();
                if (!((status >= 500 || status == 429) && idempotent && !last)) {
                    throw error(what, e);
                }
            } catch (MlflowClientException e) {
                IOException io = cause(e);
                boolean neverOpened = io instanceof ConnectException || io instanceof ConnectTimeoutException;
                if (!neverOpened && io instanceof SocketTimeoutException) {
                    throw new MlflowException(what + " to " + http.server() + " timed out after " + http.settings().requestTimeout().toSeconds() + " s",
                            0, null, e);
                }
                if (last || !(neverOpened || idempotent)) {
                    throw unreachable(what, io != null ? io : new IOException(e.getMessage(), e));
                }
            }
            http.sleep(backoff, what);
            backoff *= 2;
        }
    }

    /** One attempt on a worker thread, given up (and its request aborted) at the timeout, or when the run is abandoned. */
    private <T> T once(String what, Function<MlflowClient, T> call) {
        if (http.abandoned()) {
            throw http.abandonedError(what);
        }
        long deadline = System.nanoTime() + http.settings().requestTimeout().toNanos();
        CompletableFuture<T> pending = CompletableFuture.supplyAsync(() -> call.apply(client), workers);
        try {
            while (true) {
                try {
                    return pending.get(MlflowHttp.POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    long lastWords = http.lastWordsDeadline();
                    if (http.abandoned()) {
                        abortAll();
                        throw http.abandonedError(what);
                    }
                    if ((lastWords != 0 && System.nanoTime() > lastWords) || System.nanoTime() > deadline) {
                        abortAll();
                        long after = lastWords != 0 ? MlflowHttp.GRACE.toSeconds() : http.settings().requestTimeout().toSeconds();
                        throw new MlflowException(what + " to " + http.server() + " timed out after " + after + " s", 0, null, null);
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new MlflowClientException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortAll();
            throw new MlflowException(what + " to " + http.server() + " was interrupted", 0, null, e);
        }
    }

    private void abortAll() {
        inFlight.forEach(HttpRequestBase::abort);
    }

    private static IOException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private MlflowException unreachable(String what, IOException e) {
        String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException) {
            reason = "connection refused";
        }
        return new MlflowException("MLflow server " + http.server() + " is unreachable (" + what + ": " + reason + ")", 0, null, e);
    }

    /** The server's answer as genlab's error: status, MLflow error code and message. */
    private MlflowException error(String what, MlflowHttpException e) {
        return MlflowHttp.serverError(what, http.server(), e.getStatusCode(), e.getBodyMessage() == null ? "" : e.getBodyMessage());
    }

    /** The Apache client the MLflow client uses, remembering each request in flight so a given-up call can abort it. */
    private final class Abortable extends CloseableHttpClient {
        private final CloseableHttpClient delegate;

        Abortable(CloseableHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context) throws IOException, ClientProtocolException {
            HttpRequestBase abortable = request instanceof HttpRequestBase b ? b : null;
            if (abortable != null) {
                inFlight.add(abortable);
            }
            try {
                return delegate.execute(target, request, context);
            } catch (InterruptedIOException e) {
                if (abortable != null && abortable.isAborted()) {
                    throw new IOException("request aborted: given up", e);
                }
                throw e;
            } finally {
                if (abortable != null) {
                    inFlight.remove(abortable);
                }
            }
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        @SuppressWarnings("deprecation")
        public org.mlflow_project.apachehttp.params.HttpParams getParams() {
            return delegate.getParams();
        }

        @Override
        @SuppressWarnings("deprecation")
        public org.mlflow_project.apachehttp.conn.ClientConnectionManager getConnectionManager() {
            return delegate.getConnectionManager();
        }
    }
}
