package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.common.kafka.PageMessage;
import io.docmap.dispatcher.persistence.scan.IdRange;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;
import io.docmap.testing.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class PageDispatcherTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectMapper json;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @Test
    void everyRowIsDispatchedOnceInKeysetPages() throws Exception {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "keyset", 1234, i -> "text " + i);
        }

        await().atMost(OUTCOME).until(() -> dispatchedIds().keySet().containsAll(ids));
        List<PageMessage> pages = pages();
        assertThat(pages)
                .allSatisfy(page ->
                        assertThat(page.ids()).hasSizeLessThanOrEqualTo(100).isSorted());
        assertNoIdInTwoPages(pages);
        assertThat(cursor()).isGreaterThanOrEqualTo(ids.get(ids.size() - 1));
    }

    @Test
    void rowCommittedBehindTheCursorIsFoundBySweep() throws Exception {
        try (Connection late = db.getConnection();
                Connection early = db.getConnection()) {
            late.setAutoCommit(false);
            long lateId =
                    SourceRows.insert(late, "late", 1, i -> "committed late").get(0);
            long laterId =
                    SourceRows.insert(early, "early", 1, i -> "committed first").get(0);
            assertThat(laterId).isGreaterThan(lateId);

            await().atMost(OUTCOME).until(() -> cursor() >= laterId);
            late.commit();

            await().atMost(OUTCOME).until(() -> dispatchedIds().containsKey(lateId));
            assertThat(SourceRows.count(
                            early,
                            "SELECT COUNT(*) FROM dispatch_page p JOIN " + PageItems.TABLE + " ON i.page_id = p.page_id"
                                    + " WHERE i.source_id = ? AND p.origin = 'SWEEP'",
                            lateId))
                    .isEqualTo(1);
            // Once dispatched, the id leaves the ranges the sweep looks at: the sweep reads only what is unseen.
            await().atMost(OUTCOME).until(() -> gapsHolding(lateId) == 0);
        }
        assertNoIdInTwoPages(pages());
    }

    @Test
    void sweepStopsLookingForIdsUnseenPastTheHorizon() throws Exception {
        long beyond = 1_000_000_000L + System.nanoTime() % 1_000_000;
        execute("INSERT INTO dispatch_gap (first_id, last_id, found_at) VALUES (" + beyond + ", " + (beyond + 9)
                + ", UTC_TIMESTAMP(3)), (" + (beyond + 100) + ", " + (beyond + 109)
                + ", UTC_TIMESTAMP(3) - INTERVAL 2 DAY)");

        // The sweep takes the ranges lowest first, so the recent one was looked at before the old one went.
        await().atMost(OUTCOME).until(() -> gapsHolding(beyond + 100) == 0);
        assertThat(gapsHolding(beyond)).isEqualTo(1);
        execute("DELETE FROM dispatch_gap WHERE first_id = " + beyond);
    }

    private long gapsHolding(long id) throws SQLException {
        return count("SELECT COUNT(*) FROM dispatch_gap WHERE ? BETWEEN first_id AND last_id", id);
    }

    @Test
    void pageRecordedButNeverAcknowledgedIsSentAgain() throws Exception {
        long pageId;
        List<Long> ids;
        // What a dispatcher that crashed between recording a page and the broker's acknowledgement leaves behind: the
        // page, its runs, and the cursor past it.
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            ids = SourceRows.insert(c, "crashed", 7, i -> "text " + i);
            try (Statement s = c.createStatement()) {
                s.executeUpdate(
                        "INSERT INTO dispatch_page (origin, first_source_id, last_source_id, doc_count, state, recorded_at)"
                                + " VALUES ('SCAN', " + ids.get(0) + ", " + ids.get(6) + ", 7, 'RECORDED', NOW(3))",
                        Statement.RETURN_GENERATED_KEYS);
                var keys = s.getGeneratedKeys();
                keys.next();
                pageId = keys.getLong(1);
            }
            try (PreparedStatement run =
                    c.prepareStatement("INSERT INTO dispatch_run (page_id, first_id, last_id) VALUES (?, ?, ?)")) {
                for (IdRange range : IdRange.runsOf(ids)) {
                    run.setLong(1, pageId);
                    run.setLong(2, range.first());
                    run.setLong(3, range.last());
                    run.addBatch();
                }
                run.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE dispatch_cursor SET last_source_id = GREATEST(last_source_id, " + ids.get(6)
                        + ") WHERE name = 'scan'");
            }
            c.commit();
        }

        await().atMost(OUTCOME).until(() -> pages().stream().anyMatch(p -> p.pageId() == pageId));
        assertThat(pages().stream().filter(p -> p.pageId() == pageId))
                .singleElement()
                .satisfies(p -> assertThat(p.ids()).containsExactlyElementsOf(ids));
        await().atMost(OUTCOME)
                .until(() -> count(
                                "SELECT COUNT(*) FROM dispatch_page WHERE page_id = ? AND state = 'SENT' AND send_count = 1",
                                pageId)
                        == 1);
        assertNoIdInTwoPages(pages());
    }

    @Test
    void pageIsDoneOnlyWhenEveryRowHasAResultOrAFailure() throws Exception {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "outcome", 3, i -> "text " + i);
        }
        await().atMost(OUTCOME).until(() -> dispatchedIds().keySet().containsAll(ids));
        long pageId = dispatchedIds().get(ids.get(0));
        execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str) VALUES ('outcome-0', '[]', '[]')");
        execute("INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts, first_failed_at, last_failed_at)"
                + " VALUES ('outcome-1', " + ids.get(1) + ", 'mapper-rejected', 'test', 1, NOW(3), NOW(3))");
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() ->
                        count("SELECT COUNT(*) FROM dispatch_page WHERE page_id = ? AND state = 'SENT'", pageId) == 1);

        execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str) VALUES ('outcome-2', '[]', '[]')");
        await().atMost(OUTCOME)
                .until(() ->
                        count("SELECT COUNT(*) FROM dispatch_page WHERE page_id = ? AND state = 'DONE'", pageId) == 1);
    }

    private List<PageMessage> pages() {
        List<PageMessage> pages = new ArrayList<>();
        for (var record : Topics.readAll(kafka, topic)) {
            try {
                pages.add(json.readValue(record.value(), PageMessage.class));
            } catch (Exception e) {
                throw new AssertionError("the dispatcher wrote an unreadable page: " + record.value(), e);
            }
        }
        return pages;
    }

    /** Source id to the page that carried it. */
    private Map<Long, Long> dispatchedIds() {
        Map<Long, Long> pageOf = new HashMap<>();
        pages().forEach(page -> page.ids().forEach(id -> pageOf.put(id, page.pageId())));
        return pageOf;
    }

    private static void assertNoIdInTwoPages(List<PageMessage> pages) {
        Set<Long> seen = new HashSet<>();
        for (PageMessage page : pages) {
            for (Long id : page.ids()) {
                assertThat(seen.add(id))
                        .as("source id %d is in a second page, %d", id, page.pageId())
                        .isTrue();
            }
        }
    }

    private long cursor() throws SQLException {
        return count("SELECT last_source_id FROM dispatch_cursor WHERE name = 'scan'");
    }

    private long count(String sql, Object... params) throws SQLException {
        return Sql.number(db, sql, params);
    }

    private void execute(String sql) throws SQLException {
        Sql.execute(db, sql);
    }
}
