package io.docmap.harness;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.docmap.common.kafka.PageMessage;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline, each service in its own JVM, on the real local Kafka and MariaDB: 2,000 corpus documents,
 * a dispatcher SIGKILLed mid-run, pages delivered twice, rows inserted during the run, and a row whose id commits
 * after a higher one. When it drains, every row has exactly one outcome.
 */
class PipelineIT {

    private static final Duration DRAIN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SystemRun run;
    private static PipelineDatabase db;
    private static String topic;

    @BeforeAll
    static void startPipeline() {
        run = SystemRun.named("it")
                .properties(Map.of("docmap.dispatch.page-size", "100", "docmap.dispatch.sweep-interval", "2s"))
                .start();
        db = run.db();
        topic = run.settings().pagesTopic();
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        SystemRun.closeAll(run);
    }

    @Test
    void everyDocumentGetsExactlyOneOutcomeThroughRestartRedeliveryAndLateRows() throws Exception {
        List<CorpusDocument> corpus = new Corpus(new GazetteerNames(), 7L).next("it", 0, 2000);

        // First half, then a dispatcher crash once some pages are finished.
        db.insertMissing(corpus.subList(0, 1000));
        await().atMost(DRAIN).until(() -> donePages().size() >= 3);
        Set<Long> doneBeforeCrash = donePages();
        run.pipeline().killAndRestartDispatcher();

        // A row whose id commits after a higher one: the cursor passes it before it exists for readers.
        long lateId;
        try (Connection late = db.connect();
                Connection early = db.connect()) {
            late.setAutoCommit(false);
            lateId = SourceRows.insert(late, "late", 1, i -> "committed late from Beijing")
                    .get(0);
            long earlyId = SourceRows.insert(early, "early", 1, i -> "committed early from Tokyo")
                    .get(0);
            assertThat(earlyId).isGreaterThan(lateId);
            await().atMost(DRAIN).until(() -> cursor() >= earlyId);
            late.commit();
        }

        // Rows inserted while the second half loads and maps.
        CompletableFuture<Void> concurrentInserts = CompletableFuture.runAsync(() -> {
            for (int batch = 0; batch < 10; batch++) {
                try (Connection c = db.connect()) {
                    SourceRows.insert(c, "concurrent-" + batch, 20, i -> "Shanghai 新闻 " + i);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        db.insertMissing(corpus.subList(1000, 2000));
        concurrentInserts.join();

        // Pages delivered twice: written again, byte for byte, as a producer retry or a replay would. They are pages
        // finished since the crash: a copy that overlaps its original's attempt may map its documents again (one
        // outcome each all the same: OverlappingAttemptsTest), a copy of a finished page must map nothing.
        await().atMost(DRAIN).until(() -> finishedSince(doneBeforeCrash).size() >= 3);
        List<ConsumerRecord<String, String>> finished = finishedSince(doneBeforeCrash);
        run.kafka()
                .produceStrings()
                .fromRecords(finished.stream()
                        .limit(3)
                        .map(r -> new ProducerRecord<>(topic, r.key(), r.value()))
                        .toList())
                .awaitCompletion();

        long expected = 2000 + 2 + 200;
        await().atMost(DRAIN)
                .until(() -> db.outcomes().drained() && db.outcomes().source() == expected);
        await().atMost(DRAIN).until(this::workerCaughtUp);

        Outcomes outcomes = db.outcomes();
        assertThat(outcomes.invariantHolds()).as("invariant: %s", outcomes).isTrue();
        assertThat(outcomes.results()).isEqualTo(expected);
        assertThat(outcomes.failures()).isZero();
        assertThat(Metrics.sum(run.pipeline().mapper(), "docmap_mapper_documents_total"))
                .as("the mapper saw each document once, redelivered pages included")
                .isEqualTo(expected);
        assertThat(db.missingCanonicalNames(corpus)).isEmpty();
        assertThat(outcomes.source()).isGreaterThan(lateId);

        List<PageMessage> pages = Topics.readAll(run.kafka(), topic).stream()
                .map(PipelineIT::page)
                .toList();
        assertEachIdInOnePage(pages);
        for (long done : doneBeforeCrash) {
            assertThat(pages.stream().filter(p -> p.pageId() == done))
                    .as("page %d, finished before the crash", done)
                    .hasSize(1);
        }
    }

    @Test
    void metricNamesFollowPrometheusConventionsAndNoTwoServicesShareOne() {
        Map<String, String> owner = new HashMap<>();
        for (ServiceProcess service : run.pipeline().all()) {
            // One worker stands for them all: the workers of a group share their metric names.
            String kind = service.name().replaceAll("-[0-9]+$", "");
            Metrics metrics = Metrics.read(service);
            Map<String, String> types = metrics.types("docmap_");
            assertThat(types).as("docmap metrics of %s", kind).isNotEmpty();
            types.forEach((name, type) -> {
                assertThat(List.of(name.split("_")))
                        .as("%s: a word repeated, as a unit appended to a name holding it", name)
                        .doesNotHaveDuplicates();
                // The exposition names a counter's family without the suffix, and its samples with it.
                assertThat(metrics.samples(name + "_total").isEmpty() && !name.endsWith("_total"))
                        .as("%s, a %s: its samples end with _total if and only if it is a counter", name, type)
                        .isEqualTo(!type.equals("counter"));
                assertThat(owner.putIfAbsent(name, kind))
                        .as("%s in %s and another service", name, kind)
                        .isIn(null, kind);
            });
        }
    }

    private static void assertEachIdInOnePage(List<PageMessage> pages) {
        Map<Long, List<Long>> idsByPage = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        for (PageMessage page : pages) {
            List<Long> earlier = idsByPage.putIfAbsent(page.pageId(), page.ids());
            if (earlier != null) {
                assertThat(page.ids())
                        .as("page %d sent again with other ids", page.pageId())
                        .isEqualTo(earlier);
                continue;
            }
            for (Long id : page.ids()) {
                assertThat(seen.add(id))
                        .as("source id %d dispatched in a second page", id)
                        .isTrue();
            }
        }
    }

    private static PageMessage page(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), PageMessage.class);
        } catch (Exception e) {
            throw new AssertionError("unreadable page on the topic: " + record.value(), e);
        }
    }

    /** The page records sent whose pages are finished now, and were not before the crash. */
    private static List<ConsumerRecord<String, String>> finishedSince(Set<Long> doneBeforeCrash) throws SQLException {
        Set<Long> done = donePages();
        done.removeAll(doneBeforeCrash);
        return Topics.readAll(run.kafka(), topic).stream()
                .filter(r -> done.contains(page(r).pageId()))
                .toList();
    }

    private static Set<Long> donePages() throws SQLException {
        Set<Long> done = new HashSet<>();
        try (Connection c = db.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT page_id FROM dispatch_page WHERE state = 'DONE'")) {
            while (rs.next()) {
                done.add(rs.getLong(1));
            }
        }
        return done;
    }

    private static long cursor() throws SQLException {
        try (Connection c = db.connect()) {
            return SourceRows.count(c, "SELECT last_source_id FROM dispatch_cursor WHERE name = 'scan'");
        }
    }

    /** The worker group has committed every record of the page topic, duplicates included. */
    private boolean workerCaughtUp() {
        KafkaCompanion kafka = run.kafka();
        var committed = kafka.consumerGroups().offsets(run.settings().workerGroup());
        return kafka.offsets().list(Topics.partitions(kafka, topic)).entrySet().stream()
                .allMatch(end -> {
                    var offset = committed.get(end.getKey());
                    return end.getValue().offset() == 0
                            || (offset != null
                                    && offset.offset() >= end.getValue().offset());
                });
    }
}
