package io.docmap.worker.mapping;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WellFormedTextTest {

    @Test
    void leavesValidTextAloneIncludingEmojiCjkAndControlCharacters() {
        String text = "腾讯 😀 \u0000\u0007\t\n end";
        assertThat(WellFormedText.of(text)).isSameAs(text);
    }

    @Test
    void replacesUnpairedSurrogatesSoTheTextEncodesAsUtf8() {
        String broken = "a\uD800b\uDC00c😀\uD83D";
        String fixed = WellFormedText.of(broken);
        assertThat(fixed).isEqualTo("a\uFFFDb\uFFFDc😀\uFFFD");
        assertThat(new String(fixed.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(fixed);
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(WellFormedText.of(null)).isEmpty();
    }
}
