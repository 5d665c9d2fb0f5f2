package io.docmap.testing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A fresh database holding the old pipeline's tables, with the unique key on {@code doc_ent_map.doc_id} that
 * {@code ./docmap migrate} adds, and a {@code mid} column wider than {@code doc_id}, as a user's own can be; then
 * adopted and migrated as the dispatcher does.
 */
public class LegacyDatabaseTestResource extends DatabaseTestResource {

    @Override
    protected void prepare(TestDatabase database) {
        try (Connection connection = database.connect()) {
            LegacySchema.create(
                    connection, LegacySchema.UNIQUE_DOC_ID, "ALTER TABLE source_data MODIFY mid VARCHAR(100)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the old pipeline's tables", e);
        }
    }
}
