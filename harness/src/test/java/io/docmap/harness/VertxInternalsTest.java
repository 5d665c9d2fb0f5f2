package io.docmap.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.docmap.testing.LocalInfra;

import static org.assertj.core.api.Assertions.assertThat;

/** Vert.x's internals, and Quarkus' context safety switch, are used in one class, which says why: FreshContexts. */
class VertxInternalsTest {

    private static final Pattern INTERNAL = Pattern.compile("io\\.vertx\\.core\\.impl\\.|VertxContextSafetyToggle");
    private static final Path OWNER = Path.of("common/src/main/java/io/docmap/common/vertx/FreshContexts.java");

    @Test
    void onlyFreshContextsUsesVertxInternals() throws IOException {
        Path root = LocalInfra.root();
        try (Stream<Path> files = Files.walk(root)) {
            List<String> users = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/"))
                    .filter(f -> !f.toString().contains("/target/"))
                    .filter(f -> read(f).lines()
                            .anyMatch(line -> INTERNAL.matcher(line).find()))
                    .map(f -> root.relativize(f).toString())
                    .toList();

            assertThat(users).containsExactly(OWNER.toString());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
