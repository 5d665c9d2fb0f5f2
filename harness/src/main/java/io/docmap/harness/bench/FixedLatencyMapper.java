package io.docmap.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import io.docmap.common.mapper.MapperPaths;

/**
 * A mapper whose every answer comes a fixed time after its request arrived and finds nothing: the latency-bound
 * scenario, where the pipeline's throughput can only come from keeping enough calls in flight. It runs on one
 * Vert.x event loop, and a waiting answer is a timer, not a thread: the stand-in stays cheap, so that this
 * machine's cores go to the pipeline being measured (in production the mapper runs elsewhere).
 */
final class FixedLatencyMapper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("docmap.bench");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long delayNanos;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpServer server;
    private final AtomicLong calls = new AtomicLong();

    FixedLatencyMapper(long delayMillis) {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        HttpServerOptions options =
                new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true);
        this.server = await(
                vertx.createHttpServer(options).requestHandler(this::answer).listen());
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    long calls() {
        return calls.get();
    }

    private void answer(HttpServerRequest request) {
        long arrived = System.nanoTime();
        if (!request.path().equals(MapperPaths.ENT_MAPPING)) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body()
                .onSuccess(body -> {
                    Buffer answer;
                    try {
                        answer = Buffer.buffer(answerTo(body));
                    } catch (IOException notJson) {
                        LOG.warning("stand-in mapper got a request that is not JSON: " + notJson);
                        request.response().setStatusCode(400).end();
                        return;
                    }
                    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(delayNanos - (System.nanoTime() - arrived));
                    vertx.setTimer(Math.max(1, remainingMillis), ignored -> send(request, answer));
                })
                .onFailure(failure -> LOG.warning("stand-in mapper could not read a request: " + failure));
    }

    private static byte[] answerTo(Buffer body) throws IOException {
        JsonNode request = JSON.readTree(body.getBytes());
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode document : request.path("data_list")) {
            results.add(
                    Map.of("doc_id", document.path("doc_id").asText(), "ent_list", List.of(), "maaped_ent", List.of()));
        }
        return JSON.writeValueAsBytes(results);
    }

    private void send(HttpServerRequest request, Buffer answer) {
        calls.incrementAndGet();
        request.response()
                .putHeader("Content-Type", "application/json")
                .end(answer)
                .onFailure(failure -> LOG.warning("stand-in mapper could not answer: " + failure));
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the stand-in mapper started or stopped", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("stand-in mapper did not start or stop", e);
        }
    }
}
