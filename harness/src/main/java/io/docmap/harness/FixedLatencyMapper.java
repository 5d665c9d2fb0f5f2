package io.docmap.harness;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>With a capacity, it serves at most that many calls at once, each for the fixed time, and queues the others in
 * arrival order: a mapper of fixed capacity, capacity ÷ latency calls per second however many workers call it.
 */
public final class FixedLatencyMapper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("docmap.bench");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long delayNanos;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpServer server;
    private final AtomicLong calls = new AtomicLong();
    private final int capacity;
    /** Calls being served, and calls waiting for a place (only while all are taken): on the event loop only. */
    private int serving;

    private final Deque<Call> waiting = new ArrayDeque<>();
    private final Map<String, Integer> callsPerDocument = new ConcurrentHashMap<>();

    public FixedLatencyMapper(long delayMillis) {
        this(delayMillis, Integer.MAX_VALUE);
    }

    /** A mapper that serves at most {@code capacity} calls at once, each for {@code delayMillis}. */
    public FixedLatencyMapper(long delayMillis, int capacity) {
        this.capacity = capacity;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        HttpServerOptions options =
                new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true);
        this.server = await(
                vertx.createHttpServer(options).requestHandler(this::answer).listen());
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public long calls() {
        return calls.get();
    }

    /** How many documents were sent to this mapper more than once. */
    public long documentsCalledMoreThanOnce() {
        return callsPerDocument.values().stream().filter(n -> n > 1).count();
    }

    /** How many distinct documents were sent to this mapper. */
    public long documentsCalled() {
        return callsPerDocument.size();
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
                    waiting.addLast(new Call(request, answer, arrived));
                    serveWaiting(Long.MIN_VALUE);
                })
                .onFailure(failure -> LOG.warning("stand-in mapper could not read a request: " + failure));
    }

    /** A call with its answer ready, and when it arrived. */
    private record Call(HttpServerRequest request, Buffer answer, long arrived) {}

    /**
     * Serves waiting calls while places are free. A call's time runs from its arrival, or from when a place freed up
     * ({@code freedAt}) if it had to wait for one.
     */
    private void serveWaiting(long freedAt) {
        while (serving < capacity && !waiting.isEmpty()) {
            serving++;
            Call call = waiting.removeFirst();
            long started = Math.max(call.arrived(), freedAt);
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(delayNanos - (System.nanoTime() - started));
            vertx.setTimer(Math.max(1, remainingMillis), ignored -> {
                serving--;
                send(call.request(), call.answer());
                serveWaiting(System.nanoTime());
            });
        }
    }

    private byte[] answerTo(Buffer body) throws IOException {
        JsonNode request = JSON.readTree(body.getBytes());
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode document : request.path("data_list")) {
            callsPerDocument.merge(document.path("doc_id").asText(), 1, Integer::sum);
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
