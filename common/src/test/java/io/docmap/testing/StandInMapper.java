package io.docmap.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.docmap.common.mapper.MapperPaths;

/**
 * A stand-in for the mapper, over real HTTP on a dynamic port, for tests about what the worker does with the
 * mapper's answers. By default it answers every document with {@link #expectedEntities} of its text; a script can
 * answer a call otherwise: an error, garbage, or a late answer. It counts how often each document was asked for.
 */
public final class StandInMapper implements AutoCloseable {

    /** Looks at the doc_ids of a call and returns the answer to give instead of the normal one, or null. */
    public interface Script extends Function<List<String>, Answer> {}

    /**
     * A scripted answer for a whole call.
     *
     * @param status HTTP status
     * @param body raw body; null gives the normal answer's body (with a delay, a slow but correct answer)
     * @param delayMillis how long to wait before answering
     * @param held whether the answer waits for {@link #releaseHeld()} instead
     */
    public record Answer(int status, String body, long delayMillis, boolean held) {

        public Answer(int status, String body, long delayMillis) {
            this(status, body, delayMillis, false);
        }

        public static Answer of(int status, String body) {
            return new Answer(status, body, 0);
        }

        /** An answer sent only when the test calls {@link #releaseHeld()}: an order of events, not a timing. */
        public static Answer held(int status, String body) {
            return new Answer(status, body, 0, true);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger largestRequest = new AtomicInteger();
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(4);
    private final AtomicReference<CompletableFuture<Void>> gate = new AtomicReference<>(new CompletableFuture<>());
    private volatile Script script = docIds -> null;
    private volatile String version;

    public StandInMapper() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the stand-in mapper's port", e);
        }
        server.createContext("/ent_mapping/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(32));
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

    /** Makes every call for which the script returns an answer get that answer instead of the normal one. */
    /** The version the answers name from now on ({@code X-Mapper-Version}); null sends none, as an old mapper. */
    public void version(String version) {
        this.version = version;
    }

    public void script(Script script) {
        this.script = script;
    }

    /** Sends every held answer now. */
    public void releaseHeld() {
        gate.getAndSet(new CompletableFuture<>()).complete(null);
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

    /** The largest request body so far, in bytes. */
    public int largestRequestBytes() {
        return largestRequest.get();
    }

    /** Calls answered so far, or given up on by the worker before their answer could be written. */
    public int answered() {
        return answered.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        largestRequest.accumulateAndGet(raw.length, Math::max);
        JsonNode body = JSON.readTree(raw);
        List<String> docIds = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode doc : body.get("data_list")) {
            String docId = doc.get("doc_id").asText();
            docIds.add(docId);
            calls.computeIfAbsent(docId, id -> new AtomicInteger()).incrementAndGet();
            String text = doc.get("text").isNull() ? null : doc.get("text").asText();
            results.add(
                    Map.of("doc_id", docId, "ent_list", expectedEntities(text), "maaped_ent", expectedCanonical(text)));
        }
        Answer scripted = script.apply(docIds);
        Answer answer = scripted == null ? Answer.of(200, null) : scripted;
        String payload = answer.body() == null ? JSON.writeValueAsString(results) : answer.body();
        // A late or held answer is sent from another thread, so a slow call holds no server thread.
        if (answer.held()) {
            gate.get().thenRunAsync(() -> respond(exchange, answer.status(), payload), later);
        } else {
            later.schedule(
                    () -> respond(exchange, answer.status(), payload), answer.delayMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void respond(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            String named = version;
            if (named != null) {
                exchange.getResponseHeaders().add(MapperPaths.VERSION_HEADER, named);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The worker gave up on this call (its timeout); that is what a late answer is for.
        } finally {
            answered.incrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        later.shutdownNow();
    }
}
