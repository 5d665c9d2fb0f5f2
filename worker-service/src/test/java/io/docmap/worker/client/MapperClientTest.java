package io.docmap.worker.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.docmap.common.FailureCause;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.StandInMapper;
import io.docmap.testing.StandInMapperResource;
import io.docmap.worker.model.SourceDocument;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapper call's limits come from the settings the README names, and only a retry is tried again. */
@QuarkusTest
@TestProfile(MapperClientTest.OneRetryAndAShortTimeout.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class MapperClientTest {

    public static class OneRetryAndAShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The HTTP client's own read timeout is set apart, so that only the call's limit can end a slow call.
            return Map.of(
                    "DOCMAP_MAPPER_MAX_RETRIES", "1",
                    "DOCMAP_MAPPER_TIMEOUT_MS", "1000",
                    "quarkus.rest-client.mapper.read-timeout", "60000");
        }
    }

    private static final Duration CALL = Duration.ofSeconds(30);
    private static final List<SourceDocument> BATCH =
            List.of(new SourceDocument(1, "client-test", "text".getBytes(StandardCharsets.UTF_8)));

    StandInMapper mapper;

    @Inject
    MapperClient client;

    /** The worker's start-up warms its calls on a stand-in of its own (ClientWarmup), never on the mapper. */
    @Test
    void theWarmUpCallsNoMapper() {
        assertThat(mapper.callsFor("warmup-0")).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 307})
    void anAnswerAboutTheEndpointIsTriedAgainAsOftenAsConfigured(int status) {
        mapper.script(docIds -> StandInMapper.Answer.of(status, "{\"detail\":\"elsewhere\"}"));
        int before = mapper.requests();

        Throwable failure = failureOf(client.map(BATCH));

        assertThat(failure).isInstanceOf(MapperUnavailableException.class).hasMessage("mapper answered " + status);
        assertThat(mapper.requests() - before)
                .as("one call and DOCMAP_MAPPER_MAX_RETRIES=1 retry")
                .isEqualTo(2);
    }

    @Test
    void aSlowAnswerTimesOutAtTheConfiguredTimeout() {
        mapper.script(docIds -> new StandInMapper.Answer(200, null, 10_000));

        assertThat(failureOf(client.map(BATCH))).isInstanceOf(TimeoutException.class);
    }

    @Test
    void aRefusalIsAnAnswerAndIsNotTriedAgain() {
        mapper.script(docIds -> StandInMapper.Answer.of(422, "{\"detail\":\"text too long\"}"));
        int before = mapper.requests();

        MapperAnswer answer = client.map(BATCH)
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .awaitItem(CALL)
                .getItem();

        assertThat(answer)
                .isEqualTo(new MapperAnswer.Refused(
                        FailureCause.MAPPER_REJECTED,
                        "mapper answered 422: text too long",
                        MapperAnswer.Refused.REJECTED,
                        "{\"detail\":\"text too long\"}"));
        assertThat(mapper.requests() - before).isEqualTo(1);
    }

    private static Throwable failureOf(Uni<MapperAnswer> call) {
        return call.subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .awaitFailure(CALL)
                .getFailure();
    }
}
