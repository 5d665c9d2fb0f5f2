package io.docmap.worker.persistence;

import java.sql.Connection;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LegacySchema;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommaFormatJoinsWhatItCanRepresentAndWritesTheRestAsJson() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect()) {
            LegacySchema.create(c);
            ListWriter comma = new ListWriter(() -> ListFormat.COMMA, JSON, db.dataSource());

            assertThat(comma.write(List.of("北京", "上海"))).isEqualTo("北京,上海");
            assertThat(comma.write(List.of())).isEmpty();
            assertThat(comma.write(List.of("Foo, Inc.", "北京"))).isEqualTo("[\"Foo, Inc.\",\"北京\"]");
            assertThat(comma.write(List.of("[draft]", "北京"))).isEqualTo("[\"[draft]\",\"北京\"]");
        }
    }

    @Test
    void theJsonFormatWritesArrays() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect()) {
            LegacySchema.create(c);
            ListWriter json = new ListWriter(() -> ListFormat.JSON, JSON, db.dataSource());

            assertThat(json.write(List.of("北京", "Foo, Inc."))).isEqualTo("[\"北京\",\"Foo, Inc.\"]");
            assertThat(json.write(List.of())).isEqualTo("[]");
        }
    }

    @Test
    void listsLongerThanTheOldTextColumnsInUtf8BytesCannotBeStored() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect()) {
            LegacySchema.create(c);
            ListWriter lists = new ListWriter(() -> ListFormat.JSON, JSON, db.dataSource());

            assertThat(lists.unstorable("x".repeat(65_535), "腾".repeat(21_845))).isNull();
            assertThat(lists.unstorable("[]", "腾".repeat(21_846)))
                    .isEqualTo("the mapped list takes 65538 bytes, and doc_ent_map's list columns hold 65535:"
                            + " make them LONGTEXT (./docmap check says how)");
            assertThat(lists.unstorable("x".repeat(65_536))).contains("65536 bytes");
        }
    }

    @Test
    void theCommaFormatIsRefusedOnATableThatChecksItsListsAreJson() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect()) {
            c.createStatement()
                    .execute("CREATE TABLE doc_ent_map (id BIGINT PRIMARY KEY, doc_id VARCHAR(64) UNIQUE,"
                            + " ent_list_str LONGTEXT CHECK (JSON_VALID(ent_list_str)))");

            assertThatThrownBy(() -> new ListWriter(() -> ListFormat.COMMA, JSON, db.dataSource()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("docmap.store.list-format is comma");
        }
    }
}
