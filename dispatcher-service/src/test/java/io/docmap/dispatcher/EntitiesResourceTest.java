package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.IntStream;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The entity counts follow the results as they are stored and as a re-map replaces them: the names by documents, the
 * documents that name none, and what the re-map changed from the old version to the new, a document the mapper
 * refused (its result kept) changing nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class EntitiesResourceTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;

    @Test
    void countsFollowStoredResultsAndWhatARemapChanged() throws Exception {
        try (Connection c = db.getConnection()) {
            SourceRows.insert(c, "ent", 25, i -> "text " + i);
        }
        // ent-0..9 name A and B, ent-10..19 A, ent-20..24 nothing; of no known mapper version.
        store("[\"A\",\"B\"]", 0, 9, null);
        store("[\"A\"]", 10, 19, null);
        store("[]", 20, 24, null);
        await().atMost(OUTCOME).untilAsserted(() -> {
            JsonPath entities = entities();
            assertThat(entities.getList("top.name")).containsExactly("A", "B");
            assertThat(entities.getList("top.documents", Long.class)).containsExactly(20L, 10L);
            assertThat(entities.getLong("withoutEntity")).isEqualTo(5);
        });

        long selected = control()
                .contentType(ContentType.JSON)
                .body("{\"fromId\":0}")
                .post("/api/remap")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("selected");
        assertThat(selected).isEqualTo(25);
        await().atMost(OUTCOME).until(() -> remap().getLong("sent") == selected);
        // What a worker with mapper v2 stores: ent-0..9 lose B and gain C, ent-20..24 gain D; ent-10..19 refused.
        store("[\"A\",\"C\"]", 0, 9, "v2");
        store("[\"D\"]", 20, 24, "v2");
        Sql.execute(db, WorkerMarks.STORED_EVERY_SENT_PAGE);
        await().atMost(OUTCOME).until(() -> "DONE".equals(remap().getString("state")));

        await().atMost(OUTCOME).untilAsserted(() -> {
            JsonPath entities = entities();
            assertThat(entities.getList("top.name")).containsExactly("A", "C", "D");
            assertThat(entities.getList("top.documents", Long.class)).containsExactly(20L, 10L, 5L);
            assertThat(entities.getLong("withoutEntity")).isZero();
            assertThat(entities.getList("changes")).hasSize(1);
            assertThat(entities.getString("changes[0].fromVersion")).isEmpty();
            assertThat(entities.getString("changes[0].toVersion")).isEqualTo("v2");
            assertThat(entities.getList("changes[0].gained.name")).containsExactly("C", "D");
            assertThat(entities.getList("changes[0].gained.documents", Long.class))
                    .containsExactly(10L, 5L);
            assertThat(entities.getList("changes[0].lost.name")).containsExactly("B", "");
            assertThat(entities.getList("changes[0].lost.documents", Long.class))
                    .containsExactly(10L, 5L);
        });
        reader().queryParam("limit", "0").get("/api/entities").then().statusCode(400);
    }

    private void store(String names, int from, int to, String version) throws SQLException {
        Sql.execute(
                db,
                "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time, mapper_version)"
                        + " SELECT mid, '" + names + "', '" + names + "', UTC_TIMESTAMP(3), "
                        + (version == null ? "NULL" : "'" + version + "'")
                        + " FROM source_data WHERE mid IN (" + mids(from, to) + ")"
                        + " ON DUPLICATE KEY UPDATE ent_list_str = VALUES(ent_list_str),"
                        + " mapped_list_str = VALUES(mapped_list_str), create_time = VALUES(create_time),"
                        + " mapper_version = VALUES(mapper_version)");
    }

    private static String mids(int from, int to) {
        return String.join(
                ", ",
                IntStream.rangeClosed(from, to).mapToObj(i -> "'ent-" + i + "'").toList());
    }

    private JsonPath entities() {
        return reader().get("/api/entities").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath remap() {
        return reader().get("/api/remap").then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification reader() {
        return given().header("Authorization", "Bearer test-read-token");
    }

    private static RequestSpecification control() {
        return given().header("Authorization", "Bearer test-token");
    }
}
