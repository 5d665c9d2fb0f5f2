package io.docmap.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP endpoint that keeps the spans it receives. It reads just enough of the protobuf payload to tell each
 * span's service, trace id and text (name and attributes), so that a test needs no protobuf library.
 */
final class OtlpSink implements AutoCloseable {

    /** A received span: the service that sent it, its trace id in hex, and its bytes read as text. */
    record Span(String service, String traceId, String text) {}

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    OtlpSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::receive);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Span> spansOf(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            // ExportTraceServiceRequest: resource_spans = 1 { resource = 1, scope_spans = 2 { spans = 2 { trace_id = 1
            // } } }
            for (byte[] resourceSpans : fields(request, 1)) {
                String service = fields(resourceSpans, 1).stream()
                        .map(OtlpSink::text)
                        .findFirst()
                        .orElse("");
                for (byte[] scopeSpans : fields(resourceSpans, 2)) {
                    for (byte[] span : fields(scopeSpans, 2)) {
                        String traceId = fields(span, 1).stream()
                                .map(HexFormat.of()::formatHex)
                                .findFirst()
                                .orElse("");
                        spans.add(new Span(service, traceId, text(span)));
                    }
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** The length-delimited fields with this number, in order; other wire types are skipped. */
    private static List<byte[]> fields(byte[] message, int number) {
        List<byte[]> found = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case 0 -> varint(message, at);
                case 1 -> at[0] += 8;
                case 5 -> at[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, at);
                    if (tag >>> 3 == number) {
                        found.add(Arrays.copyOfRange(message, at[0], at[0] + length));
                    }
                    at[0] += length;
                }
                default -> throw new IllegalArgumentException("unexpected protobuf wire type " + wireType);
            }
        }
        return found;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
