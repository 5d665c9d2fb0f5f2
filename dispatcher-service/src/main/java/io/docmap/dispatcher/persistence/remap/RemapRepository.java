package io.docmap.dispatcher.persistence.remap;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import io.docmap.common.DocumentKey;
import io.docmap.dispatcher.persistence.control.DispatchControl;
import io.docmap.dispatcher.persistence.entities.EntityTally;
import io.docmap.dispatcher.persistence.pages.PageState;

/**
 * Re-maps, in {@code remap}, and the scan of each over its selection. A re-map's scan reads the source rows joined to
 * their results in windows of {@link #WINDOW} ids, so that a sparse selection costs a bounded read per statement,
 * and keeps only results stored before the re-map was asked: what it replaced, and the new rows mapped since, are
 * not its business.
 */
@ApplicationScoped
public class RemapRepository implements PanacheRepositoryBase<Remap, Long> {

    /** Source ids one statement of a re-map's scan looks at, at most. */
    static final long WINDOW = 20_000;

    /** Windows one page may look through before it is recorded with what it found. */
    private static final int WINDOWS_PER_PAGE = 10;

    private final ObjectMapper json;
    private final String selected;

    public RemapRepository(ObjectMapper json, DocumentKey key) {
        this.json = json;
        this.selected = "FROM source_data s JOIN doc_ent_map m ON m.doc_id = " + key.sql("s")
                + " WHERE m.create_time < ?1 AND ";
    }

    /** The re-map that is running or paused; null when there is none. Call within a session. */
    public Uni<Remap> open() {
        return find("state in ?1 order by remapId desc", List.of(RemapState.RUNNING, RemapState.PAUSED))
                .firstResult();
    }

    /** The newest re-map, whatever its state; null when there was none. */
    public Uni<Remap> latest() {
        return find("order by remapId desc").firstResult();
    }

    /**
     * Starts a re-map of {@code selection}, asked by {@code by}, unless one is open: counts what it selects and where
     * it lies, in one read. Re-maps start one at a time: each takes the dispatch switch's row for update first.
     *
     * <p>Native: it counts over source_data joined to doc_ent_map, the workers' table, under the document key's SQL.
     */
    public Uni<Remap> start(RemapSelection selection, String by) {
        // As the column keeps it: the pages carry the instant the row holds.
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        return Panache.withTransaction(() -> getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT name FROM dispatch_control WHERE name = ?1 FOR UPDATE", String.class)
                        .setParameter(1, DispatchControl.DISPATCH)
                        .getSingleResult())
                .chain(this::open)
                .invoke(open -> {
                    if (open != null) {
                        throw new RemapConflictException(open.remapId, open.state);
                    }
                })
                .chain(() -> resolved(selection))
                .chain(resolved -> {
                    List<Object> params = new ArrayList<>(List.of(now));
                    String sql = "SELECT COUNT(*), COALESCE(MIN(s.id), 0), COALESCE(MAX(s.id), 0),"
                            + " (SELECT COALESCE(MAX(id), 0) FROM doc_ent_map) " + selected
                            + resolved.condition(params);
                    return getSession()
                            .chain(session -> bind(session.createNativeQuery(sql, Object[].class), params)
                                    .getSingleResult())
                            .chain(range -> {
                                Remap remap = new Remap();
                                remap.selection = write(resolved);
                                remap.requestedBy = by;
                                remap.requestedAt = now;
                                remap.selected = ((Number) range[0]).longValue();
                                remap.cursorId = ((Number) range[1]).longValue() - 1;
                                remap.lastId = ((Number) range[2]).longValue();
                                remap.lastResultId = ((Number) range[3]).longValue();
                                remap.state = remap.selected == 0 ? RemapState.DONE : RemapState.RUNNING;
                                remap.endedAt = remap.selected == 0 ? now : null;
                                return persistAndFlush(remap);
                            });
                }));
    }

    /**
     * The next page of the re-map's selection, at most {@code size} ids, and moves its cursor past them: it looks
     * through windows until it has a full page, has looked through {@link #WINDOWS_PER_PAGE}, or has reached the
     * selection's end. Call in the transaction that records the page; the cursor moves with it.
     *
     * <p>Native: it reads source_data joined to doc_ent_map, the workers' table, under the document key's SQL.
     */
    public Uni<RemapPage> nextPage(Remap remap, int size) {
        return nextPage(remap, size, read(remap.selection), WINDOWS_PER_PAGE);
    }

    /**
     * A page of a re-map: its source ids, and what their results named before it, by doc_id, for the entity counts.
     */
    public record RemapPage(List<Long> ids, Map<String, EntityTally.Named> before) {

        static final RemapPage NONE = new RemapPage(List.of(), Map.of());
    }

    private Uni<RemapPage> nextPage(Remap remap, int size, RemapSelection selection, int windowsLeft) {
        if (remap.scanned() || windowsLeft == 0) {
            return Uni.createFrom().item(RemapPage.NONE);
        }
        long windowEnd = Math.min(remap.lastId, remap.cursorId + WINDOW);
        List<Object> params = new ArrayList<>(List.of(remap.requestedAt));
        String condition = selection.condition(params);
        params.add(remap.cursorId);
        params.add(windowEnd);
        String sql =
                "SELECT s.id, m.doc_id, " + EntityTally.namedColumns() + " " + selected + condition + " AND s.id > ?"
                        + (params.size() - 1) + " AND s.id <= ?" + params.size() + " ORDER BY s.id LIMIT " + size;
        // Native: as nextPage's, above.
        return getSession()
                .chain(session -> bind(session.createNativeQuery(sql, Object[].class), params)
                        .getResultList())
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>(rows.size());
                    Map<String, EntityTally.Named> before = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        ids.add(((Number) row[0]).longValue());
                        before.put((String) row[1], EntityTally.named(row, 2));
                    }
                    remap.cursorId = ids.size() == size ? ids.get(ids.size() - 1) : windowEnd;
                    return ids.isEmpty()
                            ? nextPage(remap, size, selection, windowsLeft - 1)
                            : Uni.createFrom().item(new RemapPage(List.copyOf(ids), before));
                });
    }

    /**
     * Ends the re-map once its scan has passed the selection and none of its pages is unfinished; says whether it
     * ended. Call in a transaction.
     */
    public Uni<Boolean> finishIfDone(long remapId) {
        return findById(remapId).chain(remap -> {
            if (remap == null || remap.state != RemapState.RUNNING || !remap.scanned()) {
                return Uni.createFrom().item(false);
            }
            return getSession()
                    .chain(session -> session.createSelectionQuery(
                                    "select count(*) from DispatchPage p where p.remapId = ?1 and p.state <> ?2",
                                    Long.class)
                            .setParameter(1, remapId)
                            .setParameter(2, PageState.DONE)
                            .getSingleResult())
                    .map(unfinished -> {
                        if (unfinished > 0) {
                            return false;
                        }
                        remap.state = RemapState.DONE;
                        remap.endedAt = LocalDateTime.now(ZoneOffset.UTC);
                        return true;
                    });
        });
    }

    /** Pauses, resumes or cancels the open re-map; null when none is open, or it cannot go to {@code to}. */
    public Uni<Remap> change(RemapState to) {
        return Panache.withTransaction(() -> open().map(remap -> {
            if (remap == null || remap.state == to) {
                return remap;
            }
            remap.state = to;
            if (to == RemapState.CANCELLED) {
                remap.endedAt = LocalDateTime.now(ZoneOffset.UTC);
            }
            return remap;
        }));
    }

    /**
     * What the re-map's pages did: documents sent, done, and done in the last minute.
     *
     * <p>Native: sums over dispatch_page by its re-map key, with conditional sums HQL would spell no shorter.
     */
    public Uni<RemapView> view(Remap remap) {
        LocalDateTime minuteAgo = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        return getSession()
                .chain(session -> session.createNativeQuery(
                                """
                                SELECT COALESCE(SUM(doc_count), 0),
                                       COALESCE(SUM(CASE WHEN state = 'DONE' THEN doc_count END), 0),
                                       COALESCE(SUM(CASE WHEN state = 'DONE' AND done_at >= ?2 THEN doc_count END), 0)
                                FROM dispatch_page WHERE remap_id = ?1""",
                                Object[].class)
                        .setParameter(1, remap.remapId)
                        .setParameter(2, minuteAgo)
                        .getSingleResult())
                .map(sums -> RemapView.of(
                        remap,
                        read(remap.selection),
                        ((Number) sums[0]).longValue(),
                        ((Number) sums[1]).longValue(),
                        ((Number) sums[2]).longValue() / 60.0));
    }

    /**
     * The selection with the versions its mapper version selects: it and those first seen before it.
     *
     * <p>Native: a grouped read of doc_ent_map, the workers' table.
     */
    private Uni<RemapSelection> resolved(RemapSelection selection) {
        String version = selection.mapperVersion();
        if (version == null || version.equals(RemapSelection.UNKNOWN_VERSION)) {
            return Uni.createFrom().item(selection.withVersions(List.of()));
        }
        return getSession()
                .chain(session -> session.createNativeQuery(
                                """
                                SELECT mapper_version FROM doc_ent_map WHERE mapper_version IS NOT NULL
                                GROUP BY mapper_version
                                HAVING MIN(create_time) <= (SELECT MIN(create_time) FROM doc_ent_map
                                                            WHERE mapper_version = ?1)""",
                                String.class)
                        .setParameter(1, version)
                        .getResultList())
                .invoke(versions -> {
                    if (!versions.contains(version)) {
                        throw new UnknownMapperVersionException(version);
                    }
                })
                .map(selection::withVersions);
    }

    private static <Q extends Mutiny.SelectionQuery<?>> Q bind(Q query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    private String write(RemapSelection selection) {
        try {
            return json.writeValueAsString(selection);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a re-map's selection", e);
        }
    }

    private RemapSelection read(String selection) {
        try {
            return json.readValue(selection, RemapSelection.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("remap.selection is no selection: " + selection, e);
        }
    }
}
