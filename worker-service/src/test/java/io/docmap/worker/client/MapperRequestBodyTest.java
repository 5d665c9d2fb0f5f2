package io.docmap.worker.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperRequest;
import io.docmap.worker.model.SourceDocument;

import static org.assertj.core.api.Assertions.assertThat;

class MapperRequestBodyTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theMapperReadsBackEveryTextAsTheColumnHeldIt() throws IOException {
        String awkward = "say \"hi\" \\ back\\slash\n\ttab \u0000\u001f 腾讯 😀 </script>";
        String large = "上海".repeat(300_000);
        byte[] body = MapperRequestBody.of(List.of(
                document(1, "awkward", awkward),
                document(2, "large", large),
                document(3, "empty", ""),
                new SourceDocument(4L, "null", null)));

        MapperRequest read = json.readValue(body, MapperRequest.class);

        assertThat(read.dataList())
                .containsExactly(
                        new MapperDocument("awkward", awkward),
                        new MapperDocument("large", large),
                        new MapperDocument("empty", ""),
                        new MapperDocument("null", ""));
    }

    @Test
    void theBodyIsByteForByteWhatJacksonWritesForTheSameTexts() throws IOException {
        String plain = "据报道，北京 the talks 😀 </script> 'quoted' €";
        String awkward = "a \"quote\" and a \\ and\na line\r\t\b\f\u0000\u001f 腾讯";
        byte[] body = MapperRequestBody.of(List.of(document(1, "plain", plain), document(2, "awkward", awkward)));

        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo(json.writeValueAsString(new MapperRequest(
                        List.of(new MapperDocument("plain", plain), new MapperDocument("awkward", awkward)))));
    }

    @Test
    void anEncodedSurrogateReachesTheMapperAsTheReplacementCharacter() throws IOException {
        byte[] text = HexFormat.of().parseHex("e885beeda080e8aeaf");
        byte[] body = MapperRequestBody.of(List.of(new SourceDocument(1L, "surrogate", text)));

        assertThat(new String(body, StandardCharsets.UTF_8)).contains("腾\uFFFD讯");
        assertThat(json.readValue(body, MapperRequest.class).dataList().get(0).text())
                .isEqualTo("腾\uFFFD讯");
    }

    private static SourceDocument document(long id, String mid, String text) {
        return new SourceDocument(id, mid, text.getBytes(StandardCharsets.UTF_8));
    }
}
