package io.docmap.dispatcher;

import java.sql.Connection;
import java.time.Duration;
import java.util.stream.IntStream;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fold reads the results it counts a slice at a time: more results than a statement reads are all counted, none
 * twice, whichever slice they fall in.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class EntityFoldTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    /** Over two statements' worth, and not a multiple of one. */
    private static final int RESULTS = 12_001;

    @Inject
    AgroalDataSource db;

    @Test
    void resultsOverSeveralSlicesAreEachCountedOnce() throws Exception {
        try (Connection c = db.getConnection()) {
            SourceRows.insert(c, "fold", RESULTS, i -> "text " + i);
        }
        // Every result names S; every seventh, by its number, names T as well.
        Sql.execute(
                db,
                "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time)"
                        + " SELECT mid, names, names, UTC_TIMESTAMP(3) FROM (SELECT mid,"
                        + " IF(CAST(SUBSTRING(mid, 6) AS UNSIGNED) % 7 = 0, '[\"S\",\"T\"]', '[\"S\"]') AS names"
                        + " FROM source_data WHERE mid LIKE 'fold-%') named");
        long namingT = IntStream.range(0, RESULTS).filter(i -> i % 7 == 0).count();

        await().atMost(OUTCOME).untilAsserted(() -> {
            JsonPath entities = given().header("Authorization", "Bearer test-read-token")
                    .get("/api/entities")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(entities.getList("top.name")).containsExactly("S", "T");
            assertThat(entities.getList("top.documents", Long.class)).containsExactly((long) RESULTS, namingT);
        });
    }
}
