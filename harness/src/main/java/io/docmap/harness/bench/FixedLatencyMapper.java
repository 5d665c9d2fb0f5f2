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
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.docmap.common.mapper.MapperPaths;

/**
 * A mapper whose every answer takes a fixed time and finds nothing: the latency-bound scenario, where the pipeline's
 * throughput can only come from keeping enough calls in flight. Each call holds a thread for its delay, so the pool
 * is sized well above any concurrency the workers use.
 */
final class FixedLatencyMapper implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 512;

    private final long delayMillis;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    private final AtomicLong calls = new AtomicLong();

    FixedLatencyMapper(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext(MapperPaths.ENT_MAPPING, this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request;
            try (InputStream body = exchange.getRequestBody()) {
                request = JSON.readTree(body);
            }
            List<Map<String, Object>> results = new ArrayList<>();
            for (JsonNode document : request.path("data_list")) {
                results.add(Map.of(
                        "doc_id", document.path("doc_id").asText(), "ent_list", List.of(), "maaped_ent", List.of()));
            }
            byte[] answer = JSON.writeValueAsBytes(results);
            Thread.sleep(delayMillis);
            calls.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
