package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.leadership.Leadership;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SecuredDatabase;
import io.docmap.testing.SecuredDatabaseResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher on a server that refuses unencrypted connections, given nothing but {@code DOCMAP_DB_*} (TLS
 * verify-full and its CA): each of its connections uses those settings, or the server would refuse it. Flyway
 * migrated the schema at start, the leader lock holds its own connection, and the JDBC and reactive pools both run
 * encrypted sessions.
 */
@QuarkusTest
@QuarkusTestResource(value = SecuredDatabaseResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class SecuredDatabaseTest {

    @Inject
    AgroalDataSource jdbc;

    @Inject
    Pool reactive;

    @Inject
    Leadership leadership;

    SecuredDatabase server;

    @Test
    void everyConnectionTakesTheTlsSettingsOfDocmapDb() throws Exception {
        assertThat(server.rootQuery("SELECT MAX(version) FROM " + SecuredDatabase.NAME
                        + ".flyway_schema_history WHERE success = 1"))
                .as("Flyway migrated over TLS")
                .isNotBlank();

        await().atMost(Duration.ofSeconds(30)).until(leadership::leader);
        assertThat(server.rootQuery("SELECT IS_USED_LOCK(LEFT(CONCAT('docmap.dispatcher:', '" + SecuredDatabase.NAME
                        + "'), 64)) IS NOT NULL"))
                .as("the leader lock's own connection")
                .isEqualToIgnoringWhitespace("1");

        try (Connection connection = jdbc.getConnection();
                Statement statement = connection.createStatement();
                ResultSet cipher = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            assertThat(cipher.next()).isTrue();
            assertThat(cipher.getString(2)).as("the JDBC pool's session").isNotBlank();
        }

        Row cipher = reactive.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next();
        assertThat(cipher.getString(1)).as("the reactive pool's session").isNotBlank();
    }
}
