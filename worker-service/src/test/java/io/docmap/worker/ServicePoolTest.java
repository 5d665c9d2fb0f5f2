package io.docmap.worker;

import java.time.Duration;
import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.StandInMapperResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's pool keeps its prepared statements, the long ones of a page's multi-row upserts included. */
@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class ServicePoolTest {

    @Inject
    Pool pool;

    @Test
    void aStatementLongerThanTheClientsDefaultLimitIsPreparedOncePerConnection() {
        String sql = "SELECT ? /* " + "x".repeat(4_000) + " */";
        long prepared = pool.withConnection(connection -> prepares(connection).chain(before -> connection
                        .preparedQuery(sql)
                        .execute(Tuple.of(1))
                        .chain(() -> connection.preparedQuery(sql).execute(Tuple.of(2)))
                        .chain(() -> connection.preparedQuery(sql).execute(Tuple.of(3)))
                        .chain(() -> prepares(connection))
                        .map(after -> after - before)))
                .await()
                .atMost(Duration.ofSeconds(30));
        assertThat(prepared).as("prepares of three runs on one connection").isEqualTo(1);
    }

    private static Uni<Long> prepares(SqlConnection connection) {
        return connection
                .query("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")
                .execute()
                .map(rows -> Long.parseLong(rows.iterator().next().getString(1)));
    }
}
