package io.docmap.mapper.api;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperPaths;
import io.docmap.common.mapper.MapperRequest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class EndpointWarmupTest {

    private static final Pattern DOCUMENTS =
            Pattern.compile("(?m)^docmap_mapper_documents_total(?:\\{[^}]*})? (\\S+)$");
    private static final MapperRequest TWO_DOCUMENTS =
            new MapperRequest(List.of(new MapperDocument("w1", "上海"), new MapperDocument("w2", "Apple")));

    @Test
    void theMapperIsReadyOnceItsEndpointWarmedUp() {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

        int rounds = given().get("/q/health/ready")
                .then()
                .extract()
                .path("checks.find { it.name == 'mapper endpoint warm-up' }.data.rounds");

        assertThat(rounds).as("warm-up rounds run over HTTP").isPositive();
    }

    @Test
    void theWarmUpsCallsCountNoDocument() {
        double before = documentsCounted();

        map(given().header(EndpointWarmup.HEADER, "true"));
        assertThat(documentsCounted()).as("after a warm-up call").isEqualTo(before);

        map(given());
        assertThat(documentsCounted()).as("after a call of two documents").isEqualTo(before + 2);
    }

    private static void map(io.restassured.specification.RequestSpecification request) {
        request.contentType(ContentType.JSON)
                .body(TWO_DOCUMENTS)
                .post(MapperPaths.ENT_MAPPING)
                .then()
                .statusCode(200);
    }

    private static double documentsCounted() {
        Matcher counted = DOCUMENTS.matcher(given().get("/q/metrics").asString());
        return counted.find() ? Double.parseDouble(counted.group(1)) : 0;
    }
}
