package io.docmap.worker.client;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MapperErrorBodyTest {

    private static final String SECRET = "SECRET 文本";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            FastAPI 422 repeating the input | {"detail":[{"type":"string_too_long","loc":["body","input",0,"text"],"msg":"String should have at most 10 characters","input":"SECRET 文本","ctx":{"max_length":10}}]} | String should have at most 10 characters (string_too_long) at body.input.0.text
            two validation errors           | {"detail":[{"type":"missing","loc":["body","input"],"msg":"Field required","input":{"doc":"SECRET 文本"}},"SECRET 文本"]} | Field required (missing) at body.input; (string)
            the mapper's own words          | {"detail":"text too large"} | text too large
            a detail object                 | {"detail":{"text":"SECRET 文本"}} | (detail of 35 bytes)
            an HTML error page              | <html>SECRET 文本</html> | (26 bytes, not JSON)
            JSON without detail             | ["SECRET 文本"] | (17 bytes of JSON, array)
            """)
    void keepsTheShapeAndTheMappersWordsButNoDocumentText(String shape, String body, String summary) {
        String text = MapperErrorBody.summary(body.getBytes(StandardCharsets.UTF_8));

        assertThat(text).as(shape).isEqualTo(summary).doesNotContain(SECRET);
    }

    @Test
    void anEmptyOrMissingBodySaysSo() {
        assertThat(MapperErrorBody.summary(new byte[0])).isEqualTo("(empty body)");
        assertThat(MapperErrorBody.summary(null)).isEqualTo("(empty body)");
    }

    @Test
    void theMappersWordsAreCut() {
        String words = "x".repeat(500);

        String text = MapperErrorBody.summary(("{\"detail\":\"" + words + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(text).hasSize(MapperErrorBody.LONGEST + 1).endsWith("…");
    }
}
