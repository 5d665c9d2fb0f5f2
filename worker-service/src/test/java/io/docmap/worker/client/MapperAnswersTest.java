package io.docmap.worker.client;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.docmap.worker.model.SourceDocument;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every status class and body shape, read for a call that asked for documents {@code a} and {@code b}. An outcome is
 * written as {@code retry <cause>}, {@code refused <failure cause> (<call outcome>)}, or {@code mapped} followed by each
 * document's result or failure cause.
 */
class MapperAnswersTest {

    private static final List<SourceDocument> REQUESTED =
            List.of(new SourceDocument(1, "a", new byte[0]), new SourceDocument(2, "b", new byte[0]));

    private static final String BOTH = "[{\"doc_id\":\"a\",\"ent_list\":[\"x\"],\"maaped_ent\":[\"X\"]},"
            + "{\"doc_id\":\"b\",\"ent_list\":[],\"maaped_ent\":[]}]";

    /** The most one document's item may take here: {@code BOTH}'s items fit, {@link #longList} does not. */
    private static final int BUDGET = 1_000;

    private final MapperAnswers answers = new MapperAnswers(new ObjectMapper(), BUDGET);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            nullValues = "(none)",
            textBlock =
                    """
            200 | `BOTH`                                                          | mapped a=result b=result
            201 | `BOTH`                                                          | mapped a=result b=result
            200 | [{"doc_id":"a","ent_list":["x"],"maaped_ent":["X"]}]             | mapped a=result b=malformed-response
            200 | [{"doc_id":"a","ent_list":"x","maaped_ent":["X"]},{"doc_id":"b","ent_list":[],"maaped_ent":[1]}] | mapped a=malformed-response b=malformed-response
            200 | `BOTH_AND_STRANGERS`                                            | mapped a=result b=result
            200 | []                                                              | refused malformed-response (unusable-answer)
            200 | {"detail":"text too long"}                                      | refused mapper-rejected (unusable-answer)
            200 | {"result":[]}                                                   | refused malformed-response (unusable-answer)
            200 | <html>ok</html>                                                 | refused malformed-response (unusable-answer)
            200 | ``                                                              | refused malformed-response (unusable-answer)
            200 | "a JSON string"                                                 | refused malformed-response (unusable-answer)
            200 | (none)                                                          | refused malformed-response (unusable-answer)
            400 | {"detail":"bad request"}                                        | refused mapper-rejected (rejected)
            413 | <html>too large</html>                                          | refused mapper-rejected (rejected)
            422 | {"detail":[{"type":"missing","loc":["body"],"msg":"Field required"}]} | refused mapper-rejected (rejected)
            410 | (none)                                                          | refused mapper-rejected (unusable-answer)
            400 | <html>Bad Request from a proxy</html>                           | refused mapper-rejected (unusable-answer)
            422 | (none)                                                          | refused mapper-rejected (unusable-answer)
            413 | (none)                                                          | refused mapper-rejected (rejected)
            301 | (none)                                                          | retry endpoint
            307 | (none)                                                          | retry endpoint
            401 | {"detail":"Not authenticated"}                                  | retry endpoint
            403 | {"detail":"Forbidden"}                                          | retry endpoint
            404 | {"detail":"Not Found"}                                          | retry endpoint
            405 | {"detail":"Method Not Allowed"}                                 | retry endpoint
            407 | (none)                                                          | retry endpoint
            408 | (none)                                                          | retry endpoint
            429 | {"detail":"slow down"}                                          | retry endpoint
            500 | {"detail":"boom"}                                               | retry server-error
            502 | <html>bad gateway</html>                                        | retry server-error
            503 | `BOTH`                                                          | retry server-error
            504 | (none)                                                          | retry server-error
            """)
    void anAnswerIsARetryARefusalOrAnOutcomePerDocument(int status, String body, String expected) {
        assertThat(outcome(() -> answers.of(status, bytes(body), REQUESTED))).isEqualTo(expected);
    }

    @Test
    void anItemOverTheBudgetFailsItsDocumentAloneWhereverItsDocIdStands() {
        String docIdFirst = "[{\"doc_id\":\"a\",\"ent_list\":" + longList() + ",\"maaped_ent\":[]},"
                + "{\"doc_id\":\"b\",\"ent_list\":[\"y\"],\"maaped_ent\":[\"Y\"]}]";
        String docIdLast = "[{\"ent_list\":[],\"maaped_ent\":" + longList() + ",\"doc_id\":\"b\"},"
                + "{\"doc_id\":\"a\",\"ent_list\":[\"y\"],\"maaped_ent\":[\"Y\"]}]";

        assertThat(outcome(() -> answers.of(200, bytes(docIdFirst), REQUESTED)))
                .isEqualTo("mapped a=result-too-large b=result");
        assertThat(outcome(() -> answers.of(200, bytes(docIdLast), REQUESTED)))
                .isEqualTo("mapped a=result b=result-too-large");
        MapperAnswer.Mapped mapped = (MapperAnswer.Mapped) answers.of(200, bytes(docIdFirst), REQUESTED);
        assertThat(mapped.outcome().failures().get(0).message())
                .startsWith("the mapper's answer for this document takes over ")
                .endsWith("bytes, more than docmap.worker.max-result-bytes (1000)");
    }

    /** An ent_list of 300 names, about 3,600 bytes: over the budget of one item. */
    private static String longList() {
        return Stream.generate(() -> "\"北京abc\"").limit(300).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void aFailedCallIsReadByItsStatusOrIsUnreachable() {
        assertThat(outcome(() -> answers.ofFailure(httpError(422, "{\"detail\":\"no\"}"), REQUESTED)))
                .isEqualTo("refused mapper-rejected (rejected)");
        assertThat(outcome(() -> answers.ofFailure(httpError(429, null), REQUESTED)))
                .isEqualTo("retry endpoint");
        assertThat(outcome(() -> answers.ofFailure(new ConnectException("Connection refused"), REQUESTED)))
                .isEqualTo("retry unreachable");
    }

    @Test
    void aRefusalSaysWhatTheMapperSaidButNotTheDocuments() {
        MapperAnswer answer =
                answers.of(422, bytes("{\"detail\":[{\"msg\":\"too long\",\"input\":\"SECRET TEXT\"}]}"), REQUESTED);

        assertThat(((MapperAnswer.Refused) answer).message())
                .isEqualTo("mapper answered 422: too long")
                .doesNotContain("SECRET");
    }

    private static String outcome(Supplier<MapperAnswer> read) {
        MapperAnswer answer;
        try {
            answer = read.get();
        } catch (MapperUnavailableException retry) {
            return "retry " + retry.cause();
        }
        if (answer instanceof MapperAnswer.Refused refused) {
            return "refused " + refused.cause().code() + " (" + refused.callOutcome() + ")";
        }
        MapperAnswer.Mapped mapped = (MapperAnswer.Mapped) answer;
        return "mapped "
                + Stream.concat(
                                mapped.outcome().results().stream()
                                        .map(r -> r.document().mid() + "=result"),
                                mapped.outcome().failures().stream()
                                        .map(f -> f.document().mid() + "="
                                                + f.cause().code()))
                        .sorted()
                        .collect(Collectors.joining(" "));
    }

    private static byte[] bytes(String body) {
        if (body == null) {
            return null;
        }
        String named =
                switch (body) {
                    case "BOTH" -> BOTH;
                    case "BOTH_AND_STRANGERS" -> BOTH.replace(
                            "]}]", "]},{\"doc_id\":\"z\",\"ent_list\":[],\"maaped_ent\":[]},{}]");
                    default -> body;
                };
        return named.getBytes(StandardCharsets.UTF_8);
    }

    private static WebApplicationException httpError(int status, String body) {
        return new WebApplicationException(
                Response.status(status).entity(bytes(body)).build());
    }
}
