package io.docmap.dispatcher.persistence.entities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reads the entity counts that {@link EntityTally} keeps: a few indexed reads, whatever doc_ent_map holds. */
@ApplicationScoped
public class EntityCounts {

    /** Rows of entity_change read at most: the names of every pair of versions, the most changed first. */
    private static final int CHANGE_ROWS = 5_000;

    private final EntityTally tally;

    public EntityCounts(EntityTally tally) {
        this.tally = tally;
    }

    /**
     * The {@code limit} names in the most documents, and as many of the names each pair of versions changed most.
     *
     * <p>Native: entity_count and entity_change have no entity of their own; reads by their keys.
     */
    public Uni<EntitiesView> view(int limit) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> tally.countedUpTo().chain(counted -> session.createNativeQuery(
                                "SELECT name, documents FROM entity_count WHERE name <> '' AND documents > 0"
                                        + " ORDER BY documents DESC, name LIMIT " + limit,
                                Object[].class)
                        .getResultList()
                        .chain(top -> session.createNativeQuery(
                                        "SELECT COALESCE(MAX(documents), 0) FROM entity_count WHERE name = ''",
                                        Long.class)
                                .getSingleResult()
                                .chain(none -> session.createNativeQuery(
                                                "SELECT from_version, to_version, name, gained, lost FROM entity_change"
                                                        + " ORDER BY from_version, to_version, gained + lost DESC, name"
                                                        + " LIMIT " + CHANGE_ROWS,
                                                Object[].class)
                                        .getResultList()
                                        .map(changes -> new EntitiesView(
                                                counted, names(top), none, changes(changes, limit))))))));
    }

    private static List<EntitiesView.Name> names(List<Object[]> rows) {
        return rows.stream()
                .map(row -> new EntitiesView.Name((String) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    private static List<EntitiesView.Change> changes(List<Object[]> rows, int limit) {
        Map<List<String>, List<Object[]>> byVersions = new LinkedHashMap<>();
        rows.forEach(row -> byVersions
                .computeIfAbsent(List.of((String) row[0], (String) row[1]), v -> new ArrayList<>())
                .add(row));
        List<EntitiesView.Change> changes = new ArrayList<>();
        byVersions.forEach((versions, names) -> changes.add(new EntitiesView.Change(
                versions.get(0), versions.get(1), most(names, 3, limit), most(names, 4, limit))));
        return changes;
    }

    /** The names with the most documents in {@code column}, most first. */
    private static List<EntitiesView.Name> most(List<Object[]> rows, int column, int limit) {
        return rows.stream()
                .filter(row -> ((Number) row[column]).longValue() > 0)
                .sorted((a, b) -> Long.compare(((Number) b[column]).longValue(), ((Number) a[column]).longValue()))
                .limit(limit)
                .map(row -> new EntitiesView.Name((String) row[2], ((Number) row[column]).longValue()))
                .toList();
    }
}
