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

/**
 * The dispatcher's SQL lives in {@code persistence}, and each native statement says why HQL would not do, in a
 * "Native:" line of its method's Javadoc or above it.
 */
class SqlPlacementTest {

    private static final Path SOURCES = Path.of("src/main/java/io/docmap/dispatcher");
    private static final Path PERSISTENCE = SOURCES.resolve("persistence");
    private static final Pattern QUERY = Pattern.compile(
            "\\b(createNativeQuery|createSelectionQuery|createMutationQuery|createQuery|prepareStatement|createStatement)\\(");
    private static final Pattern NATIVE = Pattern.compile("\\b(createNativeQuery|prepareStatement|createStatement)\\(");

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

    @Test
    void everyNativeStatementSaysWhy() throws IOException {
        List<String> unexplained = new ArrayList<>();
        for (Path file : javaFiles(PERSISTENCE)) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (NATIVE.matcher(lines.get(i)).find() && !reasonAbove(lines, i)) {
                    unexplained.add(PERSISTENCE.relativize(file) + ":" + (i + 1));
                }
            }
        }
        assertThat(unexplained)
                .as("native statements without a \"Native:\" reason above them")
                .isEmpty();
    }

    /** Whether a "Native:" line stands between the statement and the member before it: in its Javadoc or code. */
    private static boolean reasonAbove(List<String> lines, int statement) {
        for (int i = statement; i >= 0 && !lines.get(i).equals("    }"); i--) {
            if (lines.get(i).contains("Native: ")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
