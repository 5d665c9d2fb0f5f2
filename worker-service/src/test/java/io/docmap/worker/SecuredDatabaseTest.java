package io.docmap.worker;

import java.time.Duration;
import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SecuredDatabaseResource;
import io.docmap.testing.StandInMapperResource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The worker on a server that refuses unencrypted connections, given nothing but {@code DOCMAP_DB_*} (TLS verify-full
 * and its CA): its pool reaches the server, encrypted, and reads the schema's state there.
 */
@QuarkusTest
@QuarkusTestResource(value = SecuredDatabaseResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class SecuredDatabaseTest {

    @Inject
    Pool pool;

    @Test
    void itsPoolTakesTheTlsSettingsOfDocmapDb() {
        String cipher = pool.query(
                        "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'SSL_CIPHER'")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getString(0);
        assertThat(cipher).isNotBlank();

        // The schema check read the server's (empty) database: the dispatcher has not migrated it.
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(containsString("the database has no migration applied yet"));
    }
}
