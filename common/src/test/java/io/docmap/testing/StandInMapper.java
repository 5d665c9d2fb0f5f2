package io.docmap.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the mapper, over real HTTP on a dynamic port, for tests about what the worker does with the
 * mapper's answers. By default it answers every document with {@link #expectedEntities} of its text; a test can
 * script other answers per document. It counts how often each document was asked for.
 */
public final class StandInMapper implements AutoCloseable {

    /** What to answer for one document: a result node, or {@code null} to leave it out of the answer. */
    public interface Script extends Function<JsonNode, Answer> {}

    /** A scripted answer: an HTTP status and a raw body, used for the whole call. */
    public record Answer(int status, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Script script = doc -> null;

    public StandInMapper() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the stand-in mapper's port", e);
        }
        server.createContext("/ent_mapping/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Entities the stand-in finds in a text: its first word, and that word upper-cased as the canonical name. */
    public static List<String> expectedEntities(String text) {
        String first = text == null || text.isBlank() ? "" : text.strip().split("\\s+")[0];
        return first.isEmpty() ? List.of() : List.of(first);
    }

    public static List<String> expectedCanonical(String text) {
        return expectedEntities(text).stream().map(String::toUpperCase).toList();
    }

    /** Makes every call containing a document for which the script answers non-null answer that instead. */
    public void script(Script script) {
        this.script = script;
    }

    public int callsFor(String docId) {
        AtomicInteger count = calls.get(docId);
        return count == null ? 0 : count.get();
    }

    public int totalDocumentCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            List<Map<String, Object>> results = new ArrayList<>();
            for (JsonNode doc : body.get("data_list")) {
                String docId = doc.get("doc_id").asText();
                calls.computeIfAbsent(docId, id -> new AtomicInteger()).incrementAndGet();
                Answer scripted = script.apply(doc);
                if (scripted != null) {
                    respond(exchange, scripted.status(), scripted.body());
                    return;
                }
                String text = doc.get("text").isNull() ? null : doc.get("text").asText();
                results.add(Map.of(
                        "doc_id", docId, "ent_list", expectedEntities(text), "maaped_ent", expectedCanonical(text)));
            }
            respond(exchange, 200, JSON.writeValueAsString(results));
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
