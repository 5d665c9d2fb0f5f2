package io.docmap.worker.client;

import java.time.temporal.ChronoUnit;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.docmap.worker.metrics.WorkerMetrics;

/**
 * The one door to the mapper. It owns the timeout, the retries (exponential backoff with jitter), the circuit
 * breaker, and the split of errors into permanent ({@link MapperRejectedException}: a 4xx about the documents)
 * and transient ({@link MapperUnavailableException}: 5xx, timeouts, refused connections, and 4xx about the
 * endpoint). Override the limits with
 * {@code quarkus.fault-tolerance."io.docmap.worker.client.MapperClient/map".*}.
 */
@ApplicationScoped
public class MapperClient {

    /**
     * 4xx answers that speak of the endpoint or the load, not of the documents: a wrong URL or credential, or
     * throttling. Failing documents for them would turn a configuration slip into millions of failures, so they
     * are retried like a 5xx, and the page waits until the mapper is reachable as configured.
     */
    private static final Set<Integer> ABOUT_THE_ENDPOINT = Set.of(401, 403, 404, 405, 407, 408, 429);

    private final MapperApi api;
    private final WorkerMetrics metrics;

    public MapperClient(@RestClient MapperApi api, WorkerMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    @AsynchronousNonBlocking
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 4, delay = 200, jitter = 100, abortOn = MapperRejectedException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5000)
    @CircuitBreaker(
            requestVolumeThreshold = 20,
            failureRatio = 0.5,
            delay = 5000,
            skipOn = MapperRejectedException.class)
    public Uni<byte[]> map(byte[] request) {
        Timer.Sample sample = metrics.startMapperCall();
        return api.map(request)
                .onFailure()
                .transform(MapperClient::classify)
                .onItemOrFailure()
                .invoke((answer, failure) -> metrics.mapperCallEnded(sample, failure == null ? null : cause(failure)))
                .onCancellation()
                .invoke(() -> metrics.mapperCallEnded(sample, "timeout"));
    }

    private static String cause(Throwable failure) {
        if (failure instanceof MapperRejectedException) {
            return "rejected";
        }
        return failure instanceof MapperUnavailableException unavailable ? unavailable.cause() : "unknown";
    }

    private static Throwable classify(Throwable failure) {
        if (failure instanceof WebApplicationException http) {
            int status = http.getResponse().getStatus();
            if (status >= 400 && status < 500 && !ABOUT_THE_ENDPOINT.contains(status)) {
                return new MapperRejectedException(
                        "mapper answered " + status + ": " + MapperErrorBody.summary(body(http)));
            }
            return new MapperUnavailableException(
                    status >= 500 ? "server-error" : "endpoint", "mapper answered " + status, failure);
        }
        return new MapperUnavailableException("unreachable", "mapper unreachable: " + failure, failure);
    }

    private static byte[] body(WebApplicationException http) {
        try {
            return http.getResponse().readEntity(byte[].class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
