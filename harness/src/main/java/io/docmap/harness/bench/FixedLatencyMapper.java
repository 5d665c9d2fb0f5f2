package io.docmap.harness.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.docmap.common.mapper.MapperPaths;

/**
 * A mapper whose every answer comes a fixed time after its request arrived and finds nothing: the latency-bound
 * scenario, where the pipeline's throughput can only come from keeping enough calls in flight. A waiting answer
 * holds no thread: it is scheduled, so that the stand-in spends this machine's cores on reading requests, not on
 * switching between hundreds of sleeping threads.
 */
final class FixedLatencyMapper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("docmap.bench");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long delayNanos;
    private final HttpServer server;
    private final ExecutorService readers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong calls = new AtomicLong();

    FixedLatencyMapper(long delayMillis) throws IOException {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext(MapperPaths.ENT_MAPPING, this::answer);
        server.setExecutor(readers);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        JsonNode request;
        try (InputStream body = exchange.getRequestBody()) {
            request = JSON.readTree(body);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode document : request.path("data_list")) {
            results.add(
                    Map.of("doc_id", document.path("doc_id").asText(), "ent_list", List.of(), "maaped_ent", List.of()));
        }
        byte[] answer = JSON.writeValueAsBytes(results);
        long remaining = delayNanos - (System.nanoTime() - arrived);
        answers.schedule(() -> send(exchange, answer), remaining, TimeUnit.NANOSECONDS);
    }

    private void send(HttpExchange exchange, byte[] answer) {
        try (exchange) {
            calls.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException e) {
            LOG.warning("stand-in mapper could not answer: " + e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        answers.shutdownNow();
        readers.shutdownNow();
    }
}
