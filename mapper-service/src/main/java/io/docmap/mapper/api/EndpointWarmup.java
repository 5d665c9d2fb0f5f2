package io.docmap.mapper.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.docmap.common.mapper.MapperPaths;
import io.docmap.common.mapper.MapperRequest;
import io.docmap.common.warmup.WarmupDocuments;
import io.docmap.common.warmup.WarmupRounds;
import io.docmap.mapper.gazetteer.Gazetteer;

/**
 * Once the HTTP server listens, calls the mapper's own endpoint over loopback with made-up documents, {@link
 * #CONCURRENT_CALLS} at a time, and holds the mapper's readiness until it is done. {@link MappingWarmup} compiles the
 * matching before the server starts, but the HTTP layer around it ran cold on the first requests: a worker's first
 * four calls took 330 to 440 ms, against 60 to 100 ms once warm. The calls carry {@link #HEADER}, and the endpoint
 * counts no document of theirs.
 */
@Readiness
@ApplicationScoped
public class EndpointWarmup implements HealthCheck {

    /** Marks the warm-up's own requests. */
    static final String HEADER = "X-Docmap-Warm-Up";

    /** As many as a worker with the default concurrency has in flight. */
    private static final int CONCURRENT_CALLS = 4;

    /** Documents per call: enough for the HTTP layer's reading and writing; MappingWarmup warmed the matching. */
    private static final int DOCUMENTS = 32;

    private static final long CALL_WAIT_SECONDS = 10;

    private final Vertx vertx;
    private final HttpServer server;
    private final ObjectMapper json;
    private final Gazetteer gazetteer;
    private final RequestMemoryBudget budget;

    /** The rounds run once the warm-up is over, 0 if it failed; -1 while it runs. */
    private volatile int rounds = -1;

    EndpointWarmup(Vertx vertx, HttpServer server, ObjectMapper json, Gazetteer gazetteer, RequestMemoryBudget budget) {
        this.vertx = vertx;
        this.server = server;
        this.json = json;
        this.gazetteer = gazetteer;
        this.budget = budget;
    }

    /** An asynchronous observer: it runs on a worker thread, and may wait on the calls. */
    void warm(@ObservesAsync HttpServerStart start) {
        HttpClient client = vertx.createHttpClient();
        int ran = 0;
        try {
            Buffer request = Buffer.buffer(json.writeValueAsBytes(new MapperRequest(WarmupDocuments.of(
                    DOCUMENTS, gazetteer.size() == 0 ? List.of("docmap") : gazetteer.someNames(DOCUMENTS)))));
            // The port it listens on, which the options do not hold where a random one was asked for (tests).
            int port = server.getPort();
            String host = loopbackFor(start.options().getHost());
            // Twice a round's calls: a call's memory is given back after its answer is sent, and the next round
            // may come first. A budget that small would refuse the warm-up's calls, which count as refused.
            if (budget.admittedAtOnce(request.length()) < 2 * CONCURRENT_CALLS) {
                Log.infof("the request memory budget is too small for the endpoint's warm-up; it is ready without it");
                return;
            }
            ran = WarmupRounds.run(
                    "the endpoint", DOCUMENTS * CONCURRENT_CALLS, () -> calls(client, host, port, request));
        } catch (Exception e) {
            Log.warnf("the mapper's endpoint did not warm up (%s); it is ready all the same", e.toString());
        } finally {
            client.close();
            rounds = ran;
        }
    }

    private static boolean calls(HttpClient client, String host, int port, Buffer request) throws Exception {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CALLS; i++) {
            calls.add(client.request(HttpMethod.POST, port, host, MapperPaths.ENT_MAPPING)
                    .compose(call -> call.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .putHeader(HEADER, "true")
                            .send(request))
                    .compose(response -> response.body().map(body -> response.statusCode())));
        }
        Future.all(calls).toCompletionStage().toCompletableFuture().get(CALL_WAIT_SECONDS, TimeUnit.SECONDS);
        for (Future<Integer> call : calls) {
            if (call.result() != 200) {
                throw new IllegalStateException("the endpoint answered the warm-up with HTTP " + call.result());
            }
        }
        return true;
    }

    /** The server's own address, or loopback where it listens on every interface. */
    private static String loopbackFor(String host) {
        return host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mapper endpoint warm-up")
                .status(rounds >= 0)
                .withData("rounds", rounds)
                .build();
    }
}
