package io.docmap.worker.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void leavesATextWithNothingToEscapeAloneEmojiCjkAndDeleteIncluded() {
        byte[] text = utf8("腾讯 😀 \u007f end \uFFFF \uD7FF \uE000 \uDBFF\uDFFF </script> 'single' €");
        assertThat(JsonText.of(text)).isSameAs(text);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersAsJacksonDoes() throws Exception {
        String text = "say \"hi\" \\ \u0000\u0007\b\t\n\f\r\u001b\u001f 腾讯 😀";
        assertThat(new String(JsonText.of(utf8(text)), StandardCharsets.UTF_8)).isEqualTo(jackson(text));
        String growing = "腾讯\u0001".repeat(10_000) + "\n";
        assertThat(new String(JsonText.of(utf8(growing)), StandardCharsets.UTF_8))
                .isEqualTo(jackson(growing));
    }

    @Test
    void replacesAnEncodedSurrogateWhichAUtf8mb4ColumnAccepts() {
        byte[] text = HexFormat.of().parseHex("61eda08062");
        assertThat(JsonText.of(text)).isEqualTo(concat(utf8("a"), REPLACEMENT, utf8("b")));
    }

    @Test
    void replacesEachIllFormedSequenceAsTheJdkDecoderDoes() throws Exception {
        Random random = new Random(20261128);
        byte[] alphabet = HexFormat.of()
                .parseHex(
                        "00 41 7f 80 8f 90 9f a0 bf c0 c1 c2 df e0 e1 ec ed ee ef f0 f1 f3 f4 f5 ff".replace(" ", ""));
        for (int round = 0; round < 20_000; round++) {
            byte[] text = new byte[1 + random.nextInt(12)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String decoded = new String(text, StandardCharsets.UTF_8);
            assertThat(new String(JsonText.of(text), StandardCharsets.UTF_8))
                    .as("%s", HexFormat.of().formatHex(text))
                    .isEqualTo(jackson(decoded));
        }
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(JsonText.of(null)).isEmpty();
    }

    /** What Jackson writes for the text, without the quotes around it. */
    private static String jackson(String text) throws Exception {
        String quoted = JSON.writeValueAsString(text);
        return quoted.substring(1, quoted.length() - 1);
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
