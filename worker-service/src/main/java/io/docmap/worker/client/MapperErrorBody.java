package io.docmap.worker.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What of a mapper's error or unusable answer goes into a stored failure message: its shape and the mapper's own words,
 * never the documents it may repeat. Failures are served by the API and shown on the status page, and a FastAPI 422
 * repeats the request's {@code input}, document texts included, in each of its errors: of those only the type, the
 * message and the location are kept.
 */
public final class MapperErrorBody {

    /** Longest summary, in characters. */
    static final int LONGEST = 200;

    /** Bytes of an answer shown to an operator. */
    static final int FIRST_BYTES = 80;

    private static final ObjectMapper JSON = new ObjectMapper();

    private MapperErrorBody() {}

    /** A summary of the body: its size and kind, and for a {@code detail} body, the mapper's words. */
    public static String summary(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return "(" + body.length + " bytes, not JSON)";
        }
        if (root == null || root.isMissingNode()) {
            return "(" + body.length + " bytes, not JSON)";
        }
        JsonNode detail = root.get("detail");
        if (!root.isObject() || detail == null) {
            return "(" + body.length + " bytes of JSON, "
                    + root.getNodeType().toString().toLowerCase() + ")";
        }
        if (detail.isTextual()) {
            return cut(detail.asText());
        }
        if (detail.isArray()) {
            List<String> errors = new ArrayList<>();
            detail.forEach(error -> errors.add(validationError(error)));
            return cut(String.join("; ", errors));
        }
        return "(detail of " + body.length + " bytes)";
    }

    /** Whether the body is the mapper's own error: a JSON object with a {@code detail}. */
    static boolean isDetail(byte[] body) {
        try {
            JsonNode root = body == null ? null : JSON.readTree(body);
            return root != null && root.isObject() && root.has("detail");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The body's first bytes, as text with control characters blanked: what tells an operator whose answer it is (a
     * proxy's login page, another service). For logs and stuck reports only, never for a document's failure.
     */
    static String firstBytes(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = new String(body, 0, Math.min(body.length, FIRST_BYTES), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", " ");
        return text + (body.length > FIRST_BYTES ? "…" : "");
    }

    /** A FastAPI validation error without its input: "msg (type) at loc". */
    private static String validationError(JsonNode error) {
        if (!error.isObject()) {
            return "(" + error.getNodeType().toString().toLowerCase() + ")";
        }
        StringBuilder text = new StringBuilder(error.path("msg").asText("error"));
        if (error.hasNonNull("type")) {
            text.append(" (").append(error.get("type").asText()).append(')');
        }
        JsonNode loc = error.get("loc");
        if (loc != null && loc.isArray()) {
            List<String> parts = new ArrayList<>();
            loc.forEach(part -> parts.add(part.asText()));
            text.append(" at ").append(String.join(".", parts));
        }
        return text.toString();
    }

    private static String cut(String text) {
        return text.length() <= LONGEST ? text : text.substring(0, LONGEST) + "…";
    }
}
