package io.docmap.worker.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import org.jboss.resteasy.reactive.RestResponse;

import io.docmap.common.FailureCause;
import io.docmap.common.mapper.MapperPaths;
import io.docmap.worker.WorkerConfig;
import io.docmap.worker.client.MapperAnswer.Mapped;
import io.docmap.worker.client.MapperAnswer.Refused;
import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.DocumentResult;
import io.docmap.worker.model.MappingOutcome;
import io.docmap.worker.model.SourceDocument;

/**
 * The one place that says what a mapper's HTTP answer means, from its status and its body: a retry (a
 * {@link MapperUnavailableException}), a refusal of the call's documents as a whole, or a result or a failure for each
 * requested document. Whatever the mapper sends, every requested document comes out with exactly one of them; answers
 * for documents nobody asked for are logged and dropped.
 */
@ApplicationScoped
public class MapperAnswers {

    /**
     * 4xx answers that speak of the endpoint or the load, not of the documents: a wrong URL or credential, or
     * throttling. Failing documents for them would turn a configuration slip into millions of failures, so they are
     * retried like a 5xx, and the page waits until the mapper is reachable as configured.
     */
    static final Set<Integer> ABOUT_THE_ENDPOINT = Set.of(401, 403, 404, 405, 407, 408, 429);

    /**
     * 4xx answers with which the mapper rejects documents, when they carry its {@code detail}: a FastAPI mapper's
     * 400 and 422. The same status without it comes from something else on the way (a proxy's error page), and is
     * not the contract. A 413 is the mapper's or a proxy's body limit, and splits the batch down to one document.
     */
    static final Set<Integer> ABOUT_THE_DOCUMENTS = Set.of(400, 422);

    private static final int EXCERPT = 200;

    /** The longest mapper version stored: {@code doc_ent_map.mapper_version} is VARCHAR(64). */
    static final int VERSION_CHARS = 64;

    private static final Pattern VERSION = Pattern.compile("[\\x21-\\x7e]{1," + VERSION_CHARS + "}");

    private final ObjectMapper json;
    private final long maxResultBytes;
    private volatile String refusedVersion;

    @Inject
    public MapperAnswers(ObjectMapper json, WorkerConfig config) {
        this(json, config.maxResultBytes().asLongValue());
    }

    /** @param maxResultBytes the most one document's item of an answer may take ({@link WorkerConfig}) */
    MapperAnswers(ObjectMapper json, long maxResultBytes) {
        this.json = json;
        this.maxResultBytes = maxResultBytes;
    }

    /**
     * What a call for {@code requested} came to, from the REST client's response. A redirect's body is never read: the
     * client leaves it a stream.
     *
     * @throws MapperUnavailableException when the call may succeed if tried again
     */
    public MapperAnswer of(RestResponse<byte[]> response, List<SourceDocument> requested) {
        int status = response.getStatus();
        return of(
                status,
                isRedirect(status) ? null : response.getEntity(),
                requested,
                version(response.getHeaderString(MapperPaths.VERSION_HEADER)));
    }

    /**
     * What a call for {@code requested} came to, from the status and the body the mapper sent.
     *
     * @throws MapperUnavailableException when the call may succeed if tried again
     */
    public MapperAnswer of(int status, byte[] body, List<SourceDocument> requested) {
        return of(status, body, requested, null);
    }

    private MapperAnswer of(int status, byte[] body, List<SourceDocument> requested, String version) {
        if (status >= 500) {
            throw new MapperUnavailableException("server-error", "mapper answered " + status, null);
        }
        if (ABOUT_THE_ENDPOINT.contains(status) || isRedirect(status)) {
            throw new MapperUnavailableException("endpoint", "mapper answered " + status, null);
        }
        if (status >= 400) {
            String message = "mapper answered " + status + ": ";
            return status == 413 || (ABOUT_THE_DOCUMENTS.contains(status) && MapperErrorBody.isDetail(body))
                    ? new Refused(
                            FailureCause.MAPPER_REJECTED,
                            message + MapperErrorBody.summary(body),
                            Refused.REJECTED,
                            MapperErrorBody.firstBytes(body))
                    : unusable(FailureCause.MAPPER_REJECTED, message, body);
        }
        return read(body, requested, version);
    }

    /**
     * The version the mapper named, or null (unknown) when it named none, or one that is not a version: up to
     * {@value #VERSION_CHARS} visible ASCII characters. A bad one is logged, once until it changes; it does not fail
     * the results, which are good whatever their label.
     */
    private String version(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String version = header.strip();
        if (VERSION.matcher(version).matches()) {
            return version;
        }
        if (!version.equals(refusedVersion)) {
            refusedVersion = version;
            Log.warnf(
                    "mapper named a version that is not one (%s: %s); its results are stored with version unknown",
                    MapperPaths.VERSION_HEADER, excerpt(version));
        }
        return null;
    }

    /**
     * The client follows no redirect, and the contract has none: one means the configured URL is not the mapper's (a
     * FastAPI mapper redirects a path without its trailing slash, say), which no document can be blamed for.
     */
    private static boolean isRedirect(int status) {
        return status >= 300 && status < 400;
    }

    /**
     * What a failed call came to: an HTTP error status is read as any answer; anything else (a refused connection, a
     * reset, a name that does not resolve) left the mapper unreached.
     *
     * @throws MapperUnavailableException when the call may succeed if tried again
     */
    public MapperAnswer ofFailure(Throwable failure, List<SourceDocument> requested) {
        if (failure instanceof WebApplicationException http) {
            return of(http.getResponse().getStatus(), body(http), requested);
        }
        throw new MapperUnavailableException("unreachable", "mapper unreachable: " + failure, failure);
    }

    private static byte[] body(WebApplicationException http) {
        try {
            return http.getResponse().readEntity(byte[].class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Splits an answer's body into results and failures per requested document, or refuses it as a whole. */
    private MapperAnswer read(byte[] body, List<SourceDocument> requested, String version) {
        if (body == null || body.length == 0) {
            return unusable(FailureCause.MALFORMED_RESPONSE, "mapper answer is not JSON: ", body);
        }
        Map<String, AnswerItems.Item> byDocId = new HashMap<>();
        try (JsonParser parser = json.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                return parser.readValueAsTree() instanceof JsonNode root && root.has("detail")
                        ? unusable(FailureCause.MAPPER_REJECTED, "mapper answered detail: ", body)
                        : unusable(FailureCause.MALFORMED_RESPONSE, "mapper answer is not a JSON array: ", body);
            }
            if (first != JsonToken.START_ARRAY) {
                return unusable(FailureCause.MALFORMED_RESPONSE, "mapper answer is not a JSON array: ", body);
            }
            if (parser.nextToken() == JsonToken.END_ARRAY && !requested.isEmpty()) {
                return unusable(
                        FailureCause.MALFORMED_RESPONSE,
                        "mapper answered an empty list for " + requested.size() + " documents: ",
                        body);
            }
            AnswerItems.read(parser, maxResultBytes, item -> {
                if (item.docId() == null) {
                    Log.warnf("mapper answer item without a text doc_id ignored (%s)", item.shape());
                } else {
                    byDocId.putIfAbsent(item.docId(), item);
                }
            });
            if (parser.nextToken() != null) {
                return unusable(FailureCause.MALFORMED_RESPONSE, "mapper answer is not JSON: ", body);
            }
        } catch (IOException e) {
            return unusable(FailureCause.MALFORMED_RESPONSE, "mapper answer is not JSON: ", body);
        }
        List<DocumentResult> results = new ArrayList<>();
        List<DocumentFailure> failures = new ArrayList<>();
        for (SourceDocument doc : requested) {
            AnswerItems.Item item = byDocId.remove(doc.mid());
            if (item == null) {
                failures.add(new DocumentFailure(
                        doc, FailureCause.MALFORMED_RESPONSE, "mapper answer lacks doc_id " + doc.mid()));
            } else if (item.overBudget()) {
                failures.add(new DocumentFailure(
                        doc,
                        FailureCause.RESULT_TOO_LARGE,
                        "the mapper's answer for this document takes over " + item.bytes() + " bytes, more than"
                                + " docmap.worker.max-result-bytes (" + maxResultBytes + ")"));
            } else if (item.shape() != null) {
                failures.add(new DocumentFailure(
                        doc,
                        FailureCause.MALFORMED_RESPONSE,
                        "ent_list and maaped_ent must be arrays of strings, got " + item.shape()));
            } else {
                results.add(new DocumentResult(doc, item.entities(), item.canonical(), version));
            }
        }
        if (!byDocId.isEmpty()) {
            Log.warnf(
                    "mapper answered for doc_ids nobody asked for, ignored: %s",
                    excerpt(byDocId.keySet().toString()));
        }
        return new Mapped(new MappingOutcome(results, failures));
    }

    private static Refused unusable(FailureCause cause, String what, byte[] body) {
        return new Refused(
                cause, what + MapperErrorBody.summary(body), Refused.UNUSABLE, MapperErrorBody.firstBytes(body));
    }

    private static String excerpt(String text) {
        if (text == null) {
            return "(empty)";
        }
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "… (" + text.length() + " chars)";
    }
}
