package io.docmap.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The tables as the old pipeline's SQLAlchemy models create them on MySQL. */
public final class LegacySchema {

    public static final String SOURCE_DATA =
            """
            CREATE TABLE source_data (
              id INTEGER NOT NULL AUTO_INCREMENT, mid VARCHAR(50), content TEXT, created VARCHAR(50), PRIMARY KEY (id))""";

    public static final String DOC_ENT_MAP =
            """
            CREATE TABLE doc_ent_map (
              id INTEGER NOT NULL AUTO_INCREMENT, doc_id VARCHAR(50), ent_list_str TEXT, mapped_list_str TEXT,
              create_time DATETIME, PRIMARY KEY (id), INDEX idx_doc_id (doc_id), INDEX idx_create_time (create_time))""";

    /** What {@code ./docmap migrate} adds: docmap's upsert needs it. */
    public static final String UNIQUE_DOC_ID = "ALTER TABLE doc_ent_map ADD UNIQUE KEY uk_doc_ent_map_doc_id (doc_id)";

    private LegacySchema() {}

    public static void create(Connection connection, String... more) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(SOURCE_DATA);
            statement.execute(DOC_ENT_MAP);
            for (String sql : more) {
                statement.execute(sql);
            }
        }
    }
}
