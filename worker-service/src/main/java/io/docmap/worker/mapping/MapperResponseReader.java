package io.docmap.worker.mapping;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;

import io.docmap.common.FailureCause;
import io.docmap.worker.client.MapperErrorBody;
import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.DocumentResult;
import io.docmap.worker.model.MappingOutcome;
import io.docmap.worker.model.SourceDocument;

/**
 * Reads a mapper answer against the documents that were asked for. Whatever the mapper sends, every requested
 * document comes out either with a result or with a failure that says what was wrong; answers for documents nobody
 * asked for are logged and dropped.
 */
@ApplicationScoped
public class MapperResponseReader {

    private static final int EXCERPT = 200;

    private final ObjectMapper json;

    public MapperResponseReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Splits an answer into results and failures per requested document.
     *
     * @throws UnusableAnswerException when the answer as a whole is unusable
     */
    public MappingOutcome read(List<SourceDocument> requested, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new UnusableAnswerException(
                    FailureCause.MALFORMED_RESPONSE, "mapper answer is not JSON: " + MapperErrorBody.summary(body));
        }
        if (root != null && root.isObject() && root.has("detail")) {
            throw new UnusableAnswerException(
                    FailureCause.MAPPER_REJECTED, "mapper answered detail: " + MapperErrorBody.summary(body));
        }
        if (root == null || !root.isArray()) {
            throw new UnusableAnswerException(
                    FailureCause.MALFORMED_RESPONSE,
                    "mapper answer is not a JSON array: " + MapperErrorBody.summary(body));
        }
        Map<String, JsonNode> byDocId = new HashMap<>();
        for (JsonNode item : root) {
            JsonNode docId = item.get("doc_id");
            if (docId == null || !docId.isTextual()) {
                Log.warnf("mapper answer item without a text doc_id ignored: %s", excerpt(item.toString()));
            } else {
                byDocId.putIfAbsent(docId.asText(), item);
            }
        }
        List<DocumentResult> results = new ArrayList<>();
        List<DocumentFailure> failures = new ArrayList<>();
        for (SourceDocument doc : requested) {
            JsonNode item = byDocId.remove(doc.mid());
            if (item == null) {
                failures.add(new DocumentFailure(
                        doc, FailureCause.MALFORMED_RESPONSE, "mapper answer lacks doc_id " + doc.mid()));
                continue;
            }
            List<String> entities = strings(item.get("ent_list"));
            List<String> canonical = strings(item.get("maaped_ent"));
            if (entities == null || canonical == null) {
                failures.add(new DocumentFailure(
                        doc,
                        FailureCause.MALFORMED_RESPONSE,
                        "ent_list and maaped_ent must be arrays of strings, got " + shape(item, "ent_list") + " and "
                                + shape(item, "maaped_ent")));
            } else {
                results.add(new DocumentResult(doc, entities, canonical));
            }
        }
        if (!byDocId.isEmpty()) {
            Log.warnf(
                    "mapper answered for doc_ids nobody asked for, ignored: %s",
                    excerpt(byDocId.keySet().toString()));
        }
        return new MappingOutcome(results, failures);
    }

    static MappingOutcome failAll(List<SourceDocument> documents, FailureCause cause, String message) {
        return new MappingOutcome(
                List.of(),
                documents.stream()
                        .map(doc -> new DocumentFailure(doc, cause, message))
                        .toList());
    }

    /** The kind of a field's value, without the value: what a failure message may say of a document's answer. */
    private static String shape(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null
                ? "no " + field
                : field + " " + value.getNodeType().toString().toLowerCase();
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                return null;
            }
            values.add(value.asText());
        }
        return values;
    }

    private static String excerpt(String text) {
        if (text == null) {
            return "(empty)";
        }
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "… (" + text.length() + " chars)";
    }
}
