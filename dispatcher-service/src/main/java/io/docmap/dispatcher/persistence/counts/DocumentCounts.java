package io.docmap.dispatcher.persistence.counts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import io.docmap.common.DocumentKey;
import io.docmap.common.schema.UniqueKeys;

/**
 * Counts documents, not rows, on both sides. Rows of {@code source_data} that share a usable {@code mid} with an
 * earlier row are one document with it, and share its outcome. Results whose {@code doc_id} no source row carries
 * (the old pipeline stored them, and their rows were deleted since) are no document's. Each is a condition of one row,
 * counted beside the rows by {@link RowCount}, so that a count between full counts reads only the new rows. A full
 * count looks each row up in the {@code mid} index: it costs several times a plain count.
 */
public final class DocumentCounts {

    /**
     * What the counts found.
     *
     * @param rows rows of source_data
     * @param sharedRows rows whose doc_id an earlier row carries
     * @param results rows of doc_ent_map
     * @param resultsWithoutSource results whose doc_id no source row carries
     */
    public record Figures(long rows, long sharedRows, long results, long resultsWithoutSource) {}

    private final RowCount sourceRows;
    private final RowCount results;

    private DocumentCounts(DocumentKey key, boolean midUnique) {
        // Where mid is unique no row can share it: a full count stays a plain count.
        this.sourceRows = new RowCount(
                "source_data",
                midUnique
                        ? Optional.empty()
                        : Optional.of(key.usableSql("t")
                                + " AND EXISTS (SELECT 1 FROM source_data o WHERE o.mid = t.mid AND o.id < t.id)"));
        this.results = new RowCount(
                "doc_ent_map", Optional.of("NOT EXISTS (SELECT 1 FROM source_data s WHERE s.mid = t.doc_id)"));
    }

    /** Reads from the schema whether {@code source_data.mid} is unique. */
    public static DocumentCounts read(DataSource database, DocumentKey key) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return new DocumentCounts(key, UniqueKeys.isUnique(connection, "source_data", "mid"));
        }
    }

    /** One statement after the other: a session runs one at a time. */
    public Uni<Figures> count(Mutiny.Session session, boolean full) {
        return sourceRows.count(session, full).chain(source -> results.count(session, full)
                .map(stored -> new Figures(source.rows(), source.meeting(), stored.rows(), stored.meeting())));
    }
}
