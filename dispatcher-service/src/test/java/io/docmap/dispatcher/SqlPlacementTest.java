package io.docmap.dispatcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher's SQL lives in {@code persistence}. */
class SqlPlacementTest {

    private static final Path SOURCES = Path.of("src/main/java/io/docmap/dispatcher");
    private static final Path PERSISTENCE = SOURCES.resolve("persistence");
    private static final Pattern QUERY = Pattern.compile(
            "\\b(createNativeQuery|createSelectionQuery|createMutationQuery|createQuery|prepareStatement|createStatement)\\(");

    @Test
    void onlyPersistenceWritesQueries() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            if (!file.startsWith(PERSISTENCE)
                    && QUERY.matcher(Files.readString(file)).find()) {
                outside.add(SOURCES.relativize(file).toString());
            }
        }
        assertThat(outside).as("files outside persistence/ that write queries").isEmpty();
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
