package org.mlflow.tracking;

import java.lang.reflect.Field;
import org.mlflow.tracking.creds.MlflowHostCredsProvider;
import org.mlflow_project.apachehttp.impl.client.CloseableHttpClient;

/**
 * An {@link MlflowClient} whose HTTP caller uses genlab's HTTP client (connect and socket timeouts, requests that
 * can be aborted) and makes exactly one attempt per call: the client's own caller has no timeouts and retries every
 * failed request, also a {@code runs/log-batch} the server may have applied, three times. genlab's wrapper
 * ({@code dev.genlab.runtime.tracking.mlflow.MlflowClientCalls}) decides what is retried.
 *
 * <p>It lives in the client's package because the caller's constructor that takes an HTTP client and a retry count is
 * package-private, and the client has no constructor that takes a caller: the one field is set by reflection, checked
 * by every tracking test.
 */
public final class GenlabClients {
    private GenlabClients() {
    }

    public static MlflowClient create(MlflowHostCredsProvider credentials, CloseableHttpClient http) {
        MlflowClient client = new MlflowClient(credentials);
        // no 429 back-off inside (0 ms budget), one attempt
        MlflowHttpCaller caller = new MlflowHttpCaller(credentials, 0, 0, 1, http);
        try {
            Field f = MlflowClient.class.getDeclaredField("httpCaller");
            f.setAccessible(true);
            f.set(client, caller);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this mlflow-client (" + MlflowClient.class.getProtectionDomain().getCodeSource()
                    + ") has no field MlflowClient.httpCaller to give genlab's HTTP settings to; use the version genlab was built with", e);
        }
        return client;
    }
}
