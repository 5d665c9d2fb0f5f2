package io.docmap.worker.persistence.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mysqlclient.MySQLBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LegacySchema;
import io.docmap.testing.SourceRows;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The facts a worker reads of the tables it writes, on the real server, over the reactive client it uses. */
class SchemaFactsTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.closeAndAwait();
    }

    @Test
    void theOldPipelinesTablesHoldTextListsAndCheckNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect()) {
            LegacySchema.create(c, LegacySchema.UNIQUE_DOC_ID);
            db.migrate();

            SchemaFacts facts = read(db);

            assertThat(facts.listsChecked()).isFalse();
            assertThat(facts.listCapacity()).isEqualTo(65_535);
        }
    }

    @Test
    void docmapsOwnSchemaChecksItsLongLists() {
        try (TestDatabase db = TestDatabase.create().migrate()) {
            SchemaFacts facts = read(db);

            assertThat(facts.listsChecked()).isTrue();
            assertThat(facts.listCapacity()).isGreaterThan(65_535);
            assertThat(facts.documentKey().maxLength()).isPositive();
            assertThat(facts.maxAllowedPacket())
                    .as("the server's max_allowed_packet")
                    .isEqualTo(number(db, "SELECT @@global.max_allowed_packet"));
        }
    }

    private static long number(TestDatabase db, String sql) {
        try (Connection c = db.connect()) {
            return SourceRows.count(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SchemaFacts read(TestDatabase db) {
        Pool pool = Pool.newInstance(MySQLBuilder.pool()
                .connectingTo("mysql://" + db.user() + ":" + db.password() + "@"
                        + db.reactiveUrl().substring(8))
                .using(vertx.getDelegate())
                .build());
        try {
            return SchemaFacts.read(pool).await().atMost(Duration.ofSeconds(10));
        } finally {
            pool.closeAndAwait();
        }
    }
}
