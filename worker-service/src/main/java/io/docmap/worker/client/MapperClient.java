package io.docmap.worker.client;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.docmap.worker.metrics.WorkerMetrics;
import io.docmap.worker.model.SourceDocument;

/**
 * The one door to the mapper. It owns the timeout, the retries (exponential backoff with jitter) and the circuit
 * breaker; {@link MapperAnswers} says what each answer means, and only a {@link MapperUnavailableException} is retried
 * or opens the breaker. Override the limits with
 * {@code quarkus.fault-tolerance."io.docmap.worker.client.MapperClient/map".<strategy>.<key>}, as
 * application.properties does for the timeout (in milliseconds) and the retries. It is made at start-up, where the
 * first page's first call made it in 0.2 s.
 */
@Startup
@ApplicationScoped
public class MapperClient {

    private final MapperApi api;
    private final MapperAnswers answers;
    private final WorkerMetrics metrics;

    public MapperClient(@RestClient MapperApi api, MapperAnswers answers, WorkerMetrics metrics) {
        this.api = api;
        this.answers = answers;
        this.metrics = metrics;
    }

    @AsynchronousNonBlocking
    @Timeout(30_000)
    @Retry(maxRetries = 4, delay = 200, jitter = 100)
    @ExponentialBackoff(factor = 2, maxDelay = 5000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<MapperAnswer> map(List<SourceDocument> batch) {
        Timer.Sample sample = metrics.startMapperCall();
        return api.map(MapperRequestBody.of(batch))
                .map(response -> answers.of(response, batch))
                // Read in a Uni of its own: a retry thrown from a recovery function would come wrapped with the
                // failure.
                .onFailure(failure -> !(failure instanceof MapperUnavailableException))
                .recoverWithUni(failure -> Uni.createFrom().item(() -> answers.ofFailure(failure, batch)))
                .onItemOrFailure()
                .invoke((answer, failure) -> metrics.mapperCallEnded(sample, outcome(answer, failure)))
                .onCancellation()
                .invoke(() -> metrics.mapperCallEnded(sample, "timeout"));
    }

    private static String outcome(MapperAnswer answer, Throwable failure) {
        if (failure == null) {
            return answer.callOutcome();
        }
        return failure instanceof MapperUnavailableException unavailable ? unavailable.cause() : "unknown";
    }
}
