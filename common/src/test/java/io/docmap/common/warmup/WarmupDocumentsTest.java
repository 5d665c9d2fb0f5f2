package io.docmap.common.warmup;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.docmap.common.mapper.MapperDocument;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupDocumentsTest {

    @Test
    void theDocumentsAreTheSizeOfPostsNameEveryNameAndComeOutTheSameEachTime() {
        List<String> names = List.of("北京", "European Union", "深圳市");
        List<MapperDocument> documents = WarmupDocuments.of(128, names);

        assertThat(documents).hasSize(128);
        assertThat(documents)
                .extracting(MapperDocument::docId)
                .doesNotHaveDuplicates()
                .contains("warmup-0");
        assertThat(documents).allSatisfy(doc -> assertThat(doc.text().getBytes(StandardCharsets.UTF_8).length)
                .isBetween(1_000, 4_000));
        assertThat(names).allSatisfy(name -> assertThat(documents.get(0).text()).contains(name));
        assertThat(WarmupDocuments.of(128, names)).isEqualTo(documents);
    }
}
