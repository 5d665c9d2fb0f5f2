package io.docmap.common.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LegacySchema;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flyway as the services configure it, on the databases a user may point them at. */
class AdoptionGuardTest {

    @Test
    void theOldPipelinesTablesAsTheyAreStopFlywayBeforeItBaselinesAndNameTheCheck() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect()) {
            LegacySchema.create(c);

            assertThatThrownBy(() -> db.flyway().migrate())
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContaining("doc_ent_map.doc_id has no unique key")
                    .hasMessageContaining("./docmap check");
            assertThat(tables(c)).doesNotContain("doc_failure", "flyway_schema_history");
        }
    }

    @Test
    void theOldPipelinesTablesWithTheUniqueKeyAreBaselinedAndMigrated() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect()) {
            LegacySchema.create(c, LegacySchema.UNIQUE_DOC_ID);

            db.flyway().migrate();

            assertThat(tables(c)).contains("doc_failure", "dispatch_page", "flyway_schema_history");
        }
    }

    @Test
    void aKeyDroppedAfterTheSchemaWasMigratedStopsTheNextStart() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect()) {
            db.flyway().migrate();
            c.createStatement().execute("ALTER TABLE doc_ent_map DROP INDEX uk_doc_ent_map_doc_id");

            assertThatThrownBy(() -> db.flyway().migrate()).hasMessageContaining("./docmap migrate");
        }
    }

    private static List<String> tables(Connection c) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.createStatement()
                .executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
