package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.failure.FailureRetry;
import io.docmap.dispatcher.persistence.failures.FailureSelection;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No worker runs here: every page stays unfinished unless the test stores an outcome itself, and no page is taken
 * unless the test takes it as a worker would.
 */
@QuarkusTest
@TestProfile(LeaseAndRetryTest.ShortLease.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class LeaseAndRetryTest {

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The lease rule: page-timeout + retry-max-backoff below the lease.
            return Map.of(
                    "docmap.dispatch.lease", "2s",
                    "docmap.worker.page-timeout", "1s",
                    "docmap.worker.retry-max-backoff", "500ms",
                    "docmap.dispatch.max-sends", Integer.toString(MAX_SENDS));
        }
    }

    private static final Duration OUTCOME = Duration.ofSeconds(60);
    private static final int MAX_SENDS = 2;

    @Inject
    AgroalDataSource db;

    @Inject
    FailureRetry retry;

    @Test
    void aPageTakenAndLeftUnfinishedIsSentAgainThenFailsWithLeaseExpiredWhileAnUntakenPageWaits() throws Throwable {
        List<Long> waiting = insertAndAwaitDispatch("waiting", 2);
        long waitingPage = pageOf(waiting.get(0));
        List<Long> ids = insertAndAwaitDispatch("leased", 3);
        long pageId = pageOf(ids.get(0));
        execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str) VALUES ('leased-0', '[]', '[]')");

        // A worker takes each send of the page, then leaves it; the other page no worker ever takes.
        takeEachSend(pageId);
        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'leased-%'") == 2);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'leased-%' AND cause = 'lease-expired'"
                        + " AND attempts = 2"))
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'leased-0'"))
                .isZero();
        await().atMost(OUTCOME)
                .until(() ->
                        count("SELECT COUNT(*) FROM dispatch_page WHERE page_id = ? AND state = 'DONE'", pageId) == 1);
        assertThat(count("SELECT COUNT(*) FROM page_attempt WHERE page_id = ?", pageId))
                .as("a done page's attempts are forgotten")
                .isZero();

        // Sent before the other page was first taken, it has waited longer than both its leases, untouched.
        assertThat(count(
                        "SELECT COUNT(*) FROM dispatch_page WHERE page_id = ? AND state = 'SENT' AND send_count = 1",
                        waitingPage))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'waiting-%'"))
                .isZero();
        execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str) VALUES"
                + " ('waiting-0', '[]', '[]'), ('waiting-1', '[]', '[]')");

        int retried =
                VertxContextSupport.subscribeAndAwait(() -> retry.retry(FailureSelection.ofCause("lease-expired")));

        assertThat(retried).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'leased-%'"))
                .isZero();
        await().atMost(OUTCOME)
                .until(() -> count(
                                "SELECT COUNT(*) FROM " + PageItems.TABLE
                                        + " JOIN dispatch_page p ON p.page_id = i.page_id"
                                        + " WHERE i.source_id IN (?, ?) AND p.origin = 'SWEEP'",
                                ids.get(1),
                                ids.get(2))
                        == 2);
    }

    @Test
    void rowsWithAnUnusableMidExpireUnderTheirOwnKeyAndTheirPageFinishes() throws Throwable {
        execute(
                "INSERT INTO source_data (mid, content, created) VALUES"
                        + " ('', 'an empty mid', '2026-11-30'), ('source_data.id=999999', 'a mid in the form of a row key', '2026-11-30')");
        long empty = count("SELECT id FROM source_data WHERE mid = ''");
        long reserved = count("SELECT id FROM source_data WHERE mid = 'source_data.id=999999'");
        await().atMost(OUTCOME)
                .until(() ->
                        count("SELECT COUNT(*) FROM " + PageItems.TABLE + " WHERE source_id IN (?, ?)", empty, reserved)
                                == 2);
        takeEachSend(pageOf(empty));
        if (pageOf(reserved) != pageOf(empty)) {
            takeEachSend(pageOf(reserved));
        }

        await().atMost(OUTCOME)
                .until(() -> count(
                                "SELECT COUNT(*) FROM doc_failure WHERE doc_id IN (?, ?) AND source_id IN (?, ?)"
                                        + " AND cause = 'lease-expired'",
                                "source_data.id=" + empty,
                                "source_data.id=" + reserved,
                                empty,
                                reserved)
                        == 2);
        await().atMost(OUTCOME)
                .until(() -> count(
                                "SELECT COUNT(*) FROM dispatch_page p JOIN " + PageItems.TABLE
                                        + " ON i.page_id = p.page_id"
                                        + " WHERE i.source_id IN (?, ?) AND p.state = 'DONE'",
                                empty,
                                reserved)
                        == 2);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id IN ('', 'source_data.id=999999')"))
                .isZero();
        // The other test retries every lease-expired failure and counts them.
        execute("DELETE FROM doc_failure WHERE source_id IN (" + empty + ", " + reserved + ")");
    }

    @Test
    void retryByDocumentLeavesOtherFailuresAlone() throws Throwable {
        execute(
                "INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts, first_failed_at, last_failed_at) VALUES"
                        + " ('r-1', 900001, 'mapper-rejected', 'x', 1, NOW(3), NOW(3)), ('r-2', 900002, 'mapper-rejected', 'x', 1, NOW(3), NOW(3))");

        int retried =
                VertxContextSupport.subscribeAndAwait(() -> retry.retry(FailureSelection.ofDocuments(List.of("r-2"))));

        assertThat(retried).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'r-1'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'r-2'"))
                .isZero();
    }

    private List<Long> insertAndAwaitDispatch(String prefix, int rows) throws SQLException {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, prefix, rows, i -> "text " + i);
        }
        await().atMost(OUTCOME)
                .until(() -> count(
                                "SELECT COUNT(*) FROM dispatch_page p JOIN " + PageItems.TABLE
                                        + " ON i.page_id = p.page_id" + " WHERE i.source_id = ? AND p.state = 'SENT'",
                                ids.get(0))
                        == 1);
        return ids;
    }

    private long pageOf(long sourceId) throws SQLException {
        return count("SELECT page_id FROM " + PageItems.TABLE + " WHERE source_id = ?", sourceId);
    }

    /** Does what a worker does when it begins an attempt, at each of the page's max-sends sends. */
    private void takeEachSend(long pageId) throws SQLException {
        for (int send = 1; send <= MAX_SENDS; send++) {
            int sent = send;
            await().atMost(OUTCOME)
                    .until(() -> count("SELECT send_count FROM dispatch_page WHERE page_id = ?", pageId) == sent);
            execute("INSERT INTO page_attempt (page_id, send_count, worker, attempts, taken_at)"
                    + " SELECT page_id, send_count, 'test', 1, UTC_TIMESTAMP(3) FROM dispatch_page WHERE page_id = "
                    + pageId + " ON DUPLICATE KEY UPDATE send_count = VALUES(send_count),"
                    + " attempts = page_attempt.attempts + 1, taken_at = VALUES(taken_at)");
        }
    }

    private long count(String sql, Object... params) throws SQLException {
        return Sql.number(db, sql, params);
    }

    private void execute(String sql) throws SQLException {
        Sql.execute(db, sql);
    }
}
