package io.docmap.dispatcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.docmap.testing.Layering;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher reads one way, from its HTTP surface down to its tables: each package may name the packages after it,
 * never one before it. The API and the workers panel answer requests behind the tokens of {@code control}; failures are
 * retried, and progress counted, over the dispatch rounds, which run while this dispatcher leads, and read the page
 * topic and the tables. The configuration at the root names no package.
 */
class LayeringTest {

    private static final Layering DISPATCHER = new Layering(
            Path.of("src/main/java/io/docmap/dispatcher"),
            List.of(
                    "api",
                    "workers",
                    "control",
                    "failure",
                    "progress",
                    "dispatch",
                    "leadership",
                    "kafka",
                    "persistence"),
            List.of());

    @Test
    void noPackageNamesAnEarlierOne() throws IOException {
        assertThat(DISPATCHER.backwardReferences())
                .as("references against the dispatcher's flow")
                .isEmpty();
    }

    @Test
    void everyPackageHasItsPlace() throws IOException {
        assertThat(DISPATCHER.unplacedPackages()).isEmpty();
    }
}
