package io.docmap.mapper.ner;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChineseNerTest {

    private static List<String> found(String text) {
        return new ChineseNer()
                .find(text).stream()
                        .map(s -> text.substring(s.start(), s.end()))
                        .toList();
    }

    @Test
    void findsPeoplePlacesAndOrganisationsOffline() {
        List<String> entities = found("王小明在杭州市见到了阿里巴巴集团的马云，随后去了北京大学。");
        assertThat(entities).contains("王小明", "杭州市", "马云");
        assertThat(entities).anyMatch(e -> e.contains("北京大学") || e.contains("阿里巴巴"));
    }

    @Test
    void offsetsPointAtTheEntityInTextWithEmojiAndLatin() {
        String text = "😀 Hello，张伟去了上海。";
        assertThat(new ChineseNer().find(text))
                .allSatisfy(span -> assertThat(span.end()).isLessThanOrEqualTo(text.length()));
        assertThat(found(text)).contains("张伟", "上海");
    }
}
