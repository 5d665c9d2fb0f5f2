package io.docmap.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker reads one way, in the order a page goes through it: each stage may name the stages after it, never one
 * before it. The plain records of {@code model}, the meters of {@code metrics} and the configuration at the root serve
 * every stage, and name no stage themselves. Imports and fully qualified names (Javadoc links included) both count.
 */
class LayeringTest {

    /** The stages, in the order a page goes through them. */
    private static final List<String> STAGES = List.of("consume", "page", "mapping", "client", "persistence");

    /** What every stage may use. */
    private static final Set<String> SHARED = Set.of("model", "metrics");

    private static final Path SOURCES = Path.of("src/main/java/io/docmap/worker");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.docmap\\.worker\\.([a-z]+)\\.[A-Z]");

    @Test
    void noPackageNamesAnEarlierStage() throws IOException {
        List<String> backward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file.getParent()).toString();
                Matcher reference = REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    String to = reference.group(1);
                    if (!allowed(from, to)) {
                        backward.add(SOURCES.relativize(file) + " names " + to);
                    }
                }
            }
        }
        assertThat(backward).as("references against the worker's flow").isEmpty();
    }

    @Test
    void everyPackageHasItsPlace() throws IOException {
        try (Stream<Path> packages = Files.list(SOURCES)) {
            assertThat(packages.filter(Files::isDirectory)
                            .map(dir -> dir.getFileName().toString()))
                    .allMatch(name -> STAGES.contains(name) || SHARED.contains(name));
        }
    }

    private static boolean allowed(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.isEmpty() || from.equals("model")) {
            return false;
        }
        if (from.equals("metrics")) {
            return to.equals("model");
        }
        return SHARED.contains(to) || STAGES.indexOf(to) > STAGES.indexOf(from);
    }
}
