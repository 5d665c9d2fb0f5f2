package io.docmap.common;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import io.docmap.common.kafka.PageMessage;
import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperRequest;
import io.docmap.common.mapper.MapperResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native images only keep reflection data for registered types. The contract types cross JSON outside REST
 * endpoints (Kafka messages, the mapper answer read by hand), where Quarkus cannot see them; each must be a record
 * registered for reflection.
 */
class ContractReflectionTest {

    @Test
    void everyContractTypeIsARecordRegisteredForReflection() throws Exception {
        List<Class<?>> contract = contractTypes();

        assertThat(contract)
                .extracting(Class::getSimpleName)
                .contains("PageMessage", "MapperRequest", "MapperDocument", "MapperResult", "MapperError");
        assertThat(contract).allSatisfy(type -> {
            assertThat(type.isRecord()).as("%s is a record", type.getName()).isTrue();
            assertThat(type.isAnnotationPresent(RegisterForReflection.class))
                    .as("%s is registered for reflection", type.getName())
                    .isTrue();
        });
    }

    @Test
    void wireNamesAreTheOldPipelinesMisspellingIncluded() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String result = json.writeValueAsString(new MapperResult("d1", List.of("北京"), List.of("Beijing")));
        assertThat(result).isEqualTo("{\"doc_id\":\"d1\",\"ent_list\":[\"北京\"],\"maaped_ent\":[\"Beijing\"]}");
        String request = json.writeValueAsString(new MapperRequest(List.of(new MapperDocument("d1", "text"))));
        assertThat(request).isEqualTo("{\"data_list\":[{\"doc_id\":\"d1\",\"text\":\"text\"}]}");
        PageMessage page = json.readValue("{\"v\":1,\"pageId\":7,\"ids\":[3,4]}", PageMessage.class);
        assertThat(page).isEqualTo(PageMessage.of(7, List.of(3L, 4L)));
        assertThat(page.invalidReason()).isNull();
        assertThat(json.writeValueAsString(page))
                .as("an ordinary page, as workers that predate re-maps read it")
                .isEqualTo("{\"v\":1,\"pageId\":7,\"ids\":[3,4]}");
        assertThat(json.writeValueAsString(PageMessage.remap(7, List.of(3L), Instant.ofEpochMilli(1_000))))
                .isEqualTo("{\"v\":1,\"pageId\":7,\"ids\":[3],\"remapBefore\":1000}");
    }

    /** The classes of the kafka and mapper packages, found on disk, not listed by hand. */
    private static List<Class<?>> contractTypes() throws IOException, URISyntaxException {
        Path classes = Path.of(
                Names.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Stream.of("kafka", "mapper")
                .map(pkg -> classes.resolve("io/docmap/common/" + pkg))
                .flatMap(ContractReflectionTest::list)) {
            return files.filter(f -> f.toString().endsWith(".class")
                            && !f.getFileName().toString().contains("$"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replace(".class", ""))
                    .map(ContractReflectionTest::load)
                    .filter(type -> !type.getSimpleName().equals("MapperPaths"))
                    .toList();
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
