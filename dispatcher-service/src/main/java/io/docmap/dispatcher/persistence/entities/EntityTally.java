package io.docmap.dispatcher.persistence.entities;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import io.docmap.common.persistence.Placeholders;
import io.docmap.dispatcher.persistence.ValuesInsert;
import io.docmap.dispatcher.persistence.pages.PageState;

/**
 * Keeps the entity counts ({@code entity_count}, {@code entity_change}) as results are stored, never by reading
 * doc_ent_map whole. Each result is read once, by id, once its id has settled ({@link #SETTLE}, as the progress counts
 * take it): a result keeps its id when a re-map replaces it, so what re-maps change is counted apart, from what each
 * re-map page's results named before ({@link #snapshot}) and after. Runs in the leader's fenced rounds, at most every
 * {@link #INTERVAL}.
 *
 * <p>Cost per stored result: one read of its row by primary key range and of its canonical list, and its share of a
 * multi-row upsert of the names a fold saw (one row per distinct name per fold). A re-mapped result costs its old list
 * kept in its page's row, and one read of its new list by doc_id.
 */
@ApplicationScoped
public class EntityTally {

    /** How long after an id was first seen the results up to it are taken as committed. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    /**
     * How often a fold runs. Each writes a row per distinct name it saw: folding every second cost 0.25 rows written
     * per stored document on scenario a (bench/README.md); every 10 s, nothing the benchmark could tell apart.
     */
    static final Duration INTERVAL = Duration.ofSeconds(10);

    /** Results one fold reads at most: 5,000 a second; behind a faster run, the folds catch up once it slows. */
    static final int RESULTS_PER_FOLD = 50_000;

    /**
     * Results one statement of a fold reads: the rows of a statement are all in the heap at once. A fold of 50,000
     * in one statement held about 40 MB, and on the services' 128 MB heap (64 MB old) the dispatcher ran 8 full
     * collections in 4 s, 0.13 to 0.17 s each, at the start of the benchmark's re-map.
     */
    static final int RESULTS_PER_READ = 5_000;

    /** Re-map pages one fold counts at most: their documents are looked up in one statement. */
    private static final int PAGES_PER_FOLD = 8;

    /** The most of a list read: a VARCHAR in utf8mb4 (a longer cast reads as a CLOB proxy). */
    private static final int LIST_CHARS = 8_000;

    private static final String LIST = "CAST(m.mapped_list_str AS CHAR(" + LIST_CHARS + "))";

    private static final TypeReference<Map<String, Named>> SNAPSHOT = new TypeReference<>() {};

    private final ObjectMapper json;
    /** The newest result ids seen, and when (System.nanoTime), oldest first. */
    private final Deque<long[]> seen = new ArrayDeque<>();

    private long lastFoldNanos = System.nanoTime() - INTERVAL.toNanos();

    public EntityTally(ObjectMapper json) {
        this.json = json;
    }

    /**
     * What one document's result named, and from which mapper version ('' unknown).
     *
     * @param v the mapper version
     * @param n the canonical names, or {@link EntityNames#NONE} alone
     */
    public record Named(String v, Set<String> n) {}

    /** The SQL of a result {@code m}'s version and canonical list, as {@link #named} reads them. */
    public static String namedColumns() {
        return "COALESCE(m.mapper_version, ''), " + LIST;
    }

    /** A row's version and list, read by {@link #namedColumns}, from {@code offset}. */
    public static Named named(Object[] row, int offset) {
        return new Named((String) row[offset], EntityNames.of((String) row[offset + 1]));
    }

    /** What a re-map page's results name before it, by doc_id, as its page keeps it. */
    public String snapshot(Map<String, Named> before) {
        try {
            return json.writeValueAsString(before);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a re-map page's names", e);
        }
    }

    /**
     * The id up to which results are counted. Call within a session.
     *
     * <p>Native: one row of entity_fold.
     */
    public Uni<Long> countedUpTo() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT result_id FROM entity_fold WHERE name = 'results'", Long.class)
                .getSingleResult());
    }

    /** Makes the next round fold, whenever the last fold was: a re-map waits for the counts. */
    public void foldNextRound() {
        lastFoldNanos = System.nanoTime() - INTERVAL.toNanos();
    }

    /** Counts what new results name and what done re-map pages changed, when {@link #INTERVAL} has passed. */
    public Uni<Void> foldIfDue() {
        if (System.nanoTime() - lastFoldNanos < INTERVAL.toNanos()) {
            return Uni.createFrom().voidItem();
        }
        lastFoldNanos = System.nanoTime();
        return Panache.getSession().chain(session -> foldResults(session).chain(() -> foldRemapPages(session)));
    }

    /**
     * Native: reads doc_ent_map, the workers' table, by id range, and locks entity_fold's row: one fold at a time
     * moves it.
     */
    private Uni<Void> foldResults(Mutiny.Session session) {
        return session.createNativeQuery(
                        "SELECT result_id FROM entity_fold WHERE name = 'results' FOR UPDATE", Long.class)
                .getSingleResult()
                .chain(counted -> session.createNativeQuery("SELECT COALESCE(MAX(id), 0) FROM doc_ent_map", Long.class)
                        .getSingleResult()
                        .chain(newest -> {
                            long settled = settled(newest);
                            if (settled <= counted) {
                                return Uni.createFrom().voidItem();
                            }
                            Map<String, Long> documents = new HashMap<>();
                            return countNames(session, counted, settled, RESULTS_PER_FOLD, documents)
                                    .call(() -> addCounts(documents))
                                    .chain(reached -> session.createNativeQuery(
                                                    "UPDATE entity_fold SET result_id = ?1 WHERE name = 'results'")
                                            .setParameter(1, reached)
                                            .executeUpdate())
                                    .replaceWithVoid();
                        }));
    }

    /**
     * Adds to {@code documents} what the results after {@code after}, up to {@code settled}, name, {@code left} of
     * them at most, {@link #RESULTS_PER_READ} to a statement; says up to which id they were read.
     *
     * <p>Native: reads doc_ent_map, the workers' table, by id range.
     */
    private Uni<Long> countNames(
            Mutiny.Session session, long after, long settled, int left, Map<String, Long> documents) {
        int limit = Math.min(left, RESULTS_PER_READ);
        return session.createNativeQuery(
                        "SELECT m.id, " + LIST + " FROM doc_ent_map m WHERE m.id > ?1 AND m.id <= ?2"
                                + " ORDER BY m.id LIMIT " + limit,
                        Object[].class)
                .setParameter(1, after)
                .setParameter(2, settled)
                .getResultList()
                .chain(rows -> {
                    for (Object[] row : rows) {
                        EntityNames.of((String) row[1]).forEach(name -> documents.merge(name, 1L, Long::sum));
                    }
                    if (rows.size() < limit) {
                        return Uni.createFrom().item(settled);
                    }
                    long last = ((Number) rows.get(rows.size() - 1)[0]).longValue();
                    return left == limit
                            ? Uni.createFrom().item(last)
                            : countNames(session, last, settled, left - limit, documents);
                });
    }

    /** The newest id seen {@link #SETTLE} ago or earlier; notes {@code newest} as seen now. */
    private synchronized long settled(long newest) {
        long now = System.nanoTime();
        if (seen.isEmpty() || seen.peekLast()[0] < newest) {
            seen.addLast(new long[] {newest, now});
        }
        long settled = 0;
        while (!seen.isEmpty() && now - seen.peekFirst()[1] >= SETTLE.toNanos()) {
            settled = seen.peekFirst()[0];
            if (seen.size() == 1) {
                break;
            }
            seen.removeFirst();
        }
        return settled;
    }

    /**
     * Counts what the results of done re-map pages changed: for each document, the names its new result gained and
     * lost against what its page kept of the old one. A document whose result the re-map did not replace (the mapper
     * refused it) changed nothing.
     *
     * <p>Native: reads doc_ent_map, the workers' table, by doc_id.
     */
    private Uni<Void> foldRemapPages(Mutiny.Session session) {
        return session.createSelectionQuery(
                        "select p.pageId, p.remapNames from DispatchPage p where p.remapId is not null"
                                + " and p.state = ?1 and p.remapNames is not null",
                        Object[].class)
                .setParameter(1, PageState.DONE)
                .setMaxResults(PAGES_PER_FOLD)
                .getResultList()
                .chain(pages -> {
                    if (pages.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Map<String, Named> before = new LinkedHashMap<>();
                    List<Long> pageIds = new ArrayList<>();
                    for (Object[] page : pages) {
                        pageIds.add((Long) page[0]);
                        before.putAll(read((String) page[1]));
                    }
                    List<String> docIds = List.copyOf(before.keySet());
                    Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(
                            "SELECT m.doc_id, " + namedColumns() + " FROM doc_ent_map m WHERE m.doc_id IN ("
                                    + Placeholders.of(docIds.size()) + ")",
                            Object[].class);
                    for (int i = 0; i < docIds.size(); i++) {
                        query.setParameter(i + 1, docIds.get(i));
                    }
                    return query.getResultList().chain(rows -> {
                        Map<String, Named> after = new HashMap<>();
                        rows.forEach(row -> after.put((String) row[0], named(row, 1)));
                        Changes changes = Changes.of(before, after);
                        return addCounts(changes.documents())
                                .chain(() -> addChanges(changes))
                                .chain(() -> session.createMutationQuery(
                                                "update DispatchPage set remapNames = null" + " where pageId in ?1")
                                        .setParameter(1, pageIds)
                                        .executeUpdate())
                                .invoke(() ->
                                        Log.debugf("entity counts: the changes of re-map pages %s counted", pageIds))
                                .replaceWithVoid();
                    });
                });
    }

    private Uni<Integer> addCounts(Map<String, Long> documents) {
        List<Object[]> rows = new ArrayList<>();
        documents.forEach((name, count) -> {
            if (count != 0) {
                rows.add(new Object[] {name, count});
            }
        });
        return ValuesInsert.rows(
                "entity_count (name, documents)",
                2,
                rows,
                " ON DUPLICATE KEY UPDATE documents = entity_count.documents + VALUES(documents)");
    }

    private Uni<Integer> addChanges(Changes changes) {
        List<Object[]> rows = new ArrayList<>();
        changes.byVersions()
                .forEach((versions, names) -> names.forEach((name, gainedLost) ->
                        rows.add(new Object[] {versions.get(0), versions.get(1), name, gainedLost[0], gainedLost[1]})));
        return ValuesInsert.rows(
                "entity_change (from_version, to_version, name, gained, lost)",
                5,
                rows,
                " ON DUPLICATE KEY UPDATE gained = entity_change.gained + VALUES(gained),"
                        + " lost = entity_change.lost + VALUES(lost)");
    }

    private Map<String, Named> read(String snapshot) {
        try {
            return json.readValue(snapshot, SNAPSHOT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dispatch_page.remap_names holds no names: " + e.getMessage(), e);
        }
    }

    /**
     * What re-mapped documents changed: the documents per name to add (negative where names were lost), and per pair
     * of versions, each name's documents that gained it and that lost it.
     */
    record Changes(Map<String, Long> documents, Map<List<String>, Map<String, long[]>> byVersions) {

        static Changes of(Map<String, Named> before, Map<String, Named> after) {
            Map<String, Long> documents = new HashMap<>();
            Map<List<String>, Map<String, long[]>> byVersions = new HashMap<>();
            before.forEach((docId, old) -> {
                Named now = after.get(docId);
                if (now == null || now.equals(old)) {
                    return;
                }
                Map<String, long[]> names = byVersions.computeIfAbsent(List.of(old.v(), now.v()), v -> new HashMap<>());
                Set<String> gained = new HashSet<>(now.n());
                gained.removeAll(old.n());
                Set<String> lost = new HashSet<>(old.n());
                lost.removeAll(now.n());
                gained.forEach(name -> {
                    documents.merge(name, 1L, Long::sum);
                    names.computeIfAbsent(name, n -> new long[2])[0]++;
                });
                lost.forEach(name -> {
                    documents.merge(name, -1L, Long::sum);
                    names.computeIfAbsent(name, n -> new long[2])[1]++;
                });
            });
            return new Changes(documents, byVersions);
        }
    }
}
