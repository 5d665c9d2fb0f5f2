package io.docmap.worker.persistence.outcomes;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.docmap.common.DocumentKey;
import io.docmap.worker.persistence.schema.SchemaFacts;

import static org.assertj.core.api.Assertions.assertThat;

class ListWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The old pipeline's TEXT list columns (SchemaFactsTest reads them). */
    private static final SchemaFacts OLD_TABLES = new SchemaFacts(new DocumentKey(64), false, 65_535, 16 << 20);

    @Test
    void theCommaFormatJoinsWhatItCanRepresentAndWritesTheRestAsJson() {
        ListWriter comma = new ListWriter(ListFormat.COMMA, JSON, () -> OLD_TABLES);

        assertThat(comma.write(List.of("北京", "上海"))).isEqualTo("北京,上海");
        assertThat(comma.write(List.of())).isEmpty();
        assertThat(comma.write(List.of("Foo, Inc.", "北京"))).isEqualTo("[\"Foo, Inc.\",\"北京\"]");
        assertThat(comma.write(List.of("[draft]", "北京"))).isEqualTo("[\"[draft]\",\"北京\"]");
    }

    @Test
    void theJsonFormatWritesArrays() {
        ListWriter json = new ListWriter(ListFormat.JSON, JSON, () -> OLD_TABLES);

        assertThat(json.write(List.of("北京", "Foo, Inc."))).isEqualTo("[\"北京\",\"Foo, Inc.\"]");
        assertThat(json.write(List.of())).isEqualTo("[]");
    }

    @Test
    void listsLongerThanTheOldTextColumnsInUtf8BytesCannotBeStored() {
        ListWriter lists = new ListWriter(ListFormat.JSON, JSON, () -> OLD_TABLES);

        assertThat(lists.unstorable("x".repeat(65_535), "腾".repeat(21_845))).isNull();
        assertThat(lists.unstorable("[]", "腾".repeat(21_846)))
                .isEqualTo("the mapped list takes 65538 bytes, and doc_ent_map's list columns hold 65535:"
                        + " make them LONGTEXT (./docmap check says how)");
        assertThat(lists.unstorable("x".repeat(65_536))).contains("65536 bytes");
    }

    @Test
    void listsOverWhatOneStatementMayCarryCannotBeStored() {
        SchemaFacts smallPackets = new SchemaFacts(new DocumentKey(64), true, Long.MAX_VALUE, 1 << 20);
        ListWriter lists = new ListWriter(ListFormat.JSON, new ObjectMapper(), () -> smallPackets);

        assertThat(lists.unstorable("x".repeat(600_000), "y".repeat(300_000))).isNull();
        assertThat(lists.unstorable("x".repeat(600_000), "y".repeat(400_000)))
                .isEqualTo("the mapped lists take 1000000 bytes, more than one statement may carry (the server's"
                        + " max_allowed_packet, 1048576 bytes): raise it on the server");
    }

    @Test
    void theCommaFormatIsRefusedOnATableThatChecksItsListsAreJson() {
        SchemaFacts checked = new SchemaFacts(new DocumentKey(64), true, Long.MAX_VALUE, 16 << 20);

        assertThat(ListWriter.refusal(ListFormat.COMMA, checked)).contains("docmap.store.list-format is comma");
        assertThat(ListWriter.refusal(ListFormat.JSON, checked)).isNull();
        assertThat(ListWriter.refusal(ListFormat.COMMA, OLD_TABLES)).isNull();
    }
}
