package io.docmap.mapper.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperPaths;
import io.docmap.common.mapper.MapperRequest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@TestProfile(RequestMemoryBudgetTest.SmallBudget.class)
class RequestMemoryBudgetTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docmap.mapper.request-memory", "64K", "quarkus.http.limits.max-body-size", "256K");
        }
    }

    private static final MapperRequest REQUEST = new MapperRequest(List.of(new MapperDocument("d1", "腾讯和Apple在上海开会")));

    @Inject
    RequestMemoryBudget budget;

    /** The mapper's own warm-up calls (EndpointWarmup) take from the budget until the mapper is ready. */
    @BeforeEach
    void mapperReady() {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aRequestThatDoesNotFitWhileOthersRunGets503WithRetryAfterAndFitsOnceTheyEnd() {
        // A request in flight with a 4 KB body holds the whole 64 KB budget.
        budget.tryReserve(4 * 1024);
        try {
            given().contentType(ContentType.JSON)
                    .body(REQUEST)
                    .post(MapperPaths.ENT_MAPPING)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "1")
                    .body("detail", containsString("mapper busy"));
        } finally {
            budget.release(4 * 1024);
        }
        given().contentType(ContentType.JSON)
                .body(REQUEST)
                .post(MapperPaths.ENT_MAPPING)
                .then()
                .statusCode(200)
                .body("[0].doc_id", containsString("d1"));
        given().get("/q/metrics").then().body(containsString("docmap_mapper_requests_refused_total 1.0"));
    }

    @Test
    void aRequestRefusedForItsSizeGivesItsMemoryBack() {
        given().contentType(ContentType.JSON)
                .body(new MapperRequest(List.of(new MapperDocument("too-big", "x".repeat(300 * 1024)))))
                .post(MapperPaths.ENT_MAPPING)
                .then()
                .statusCode(413);

        await().atMost(Duration.ofSeconds(10)).until(() -> budget.reserved() == 0);
    }

    @Test
    void aRequestLargerThanTheWholeBudgetRunsAlone() {
        String large = "上海".repeat(20_000);
        given().contentType(ContentType.JSON)
                .body(new MapperRequest(List.of(new MapperDocument("big", large))))
                .post(MapperPaths.ENT_MAPPING)
                .then()
                .statusCode(200)
                .body("[0].ent_list[0]", containsString("上海"));
    }
}
