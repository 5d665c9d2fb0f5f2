package io.docmap.worker.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    @Test
    void leavesWellFormedTextAloneIncludingEmojiCjkAndControlCharacters() {
        byte[] text = utf8("腾讯 😀 \u0000\u0007\t\n end \uFFFF \uD7FF \uE000 \uDBFF\uDFFF");
        assertThat(JsonText.of(text)).isSameAs(text);
    }

    @Test
    void replacesAnEncodedSurrogateWhichAUtf8mb4ColumnAccepts() {
        byte[] text = HexFormat.of().parseHex("61eda08062");
        assertThat(JsonText.of(text)).isEqualTo(concat(utf8("a"), REPLACEMENT, utf8("b")));
    }

    @Test
    void replacesEachIllFormedSequenceAsTheJdkDecoderDoes() {
        Random random = new Random(20261128);
        byte[] alphabet = HexFormat.of()
                .parseHex(
                        "00 41 7f 80 8f 90 9f a0 bf c0 c1 c2 df e0 e1 ec ed ee ef f0 f1 f3 f4 f5 ff".replace(" ", ""));
        for (int round = 0; round < 20_000; round++) {
            byte[] text = new byte[1 + random.nextInt(12)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] decodedAndEncoded = new String(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            assertThat(JsonText.of(text))
                    .as("%s", HexFormat.of().formatHex(text))
                    .isEqualTo(decodedAndEncoded);
        }
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(JsonText.of(null)).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
