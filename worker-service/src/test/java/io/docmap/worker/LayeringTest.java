package io.docmap.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.docmap.testing.Layering;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker reads one way, in the order a page goes through it: each stage may name the stages after it, never one
 * before it. The meters of {@code metrics} and the plain records of {@code model} serve every stage ({@code metrics}
 * counts {@code model}'s records), and the configuration at the root names no stage.
 */
class LayeringTest {

    private static final Layering WORKER = new Layering(
            Path.of("src/main/java/io/docmap/worker"),
            List.of("consume", "page", "mapping", "client", "persistence"),
            List.of("metrics", "model"));

    @Test
    void noPackageNamesAnEarlierStage() throws IOException {
        assertThat(WORKER.backwardReferences())
                .as("references against the worker's flow")
                .isEmpty();
    }

    @Test
    void everyPackageHasItsPlace() throws IOException {
        assertThat(WORKER.unplacedPackages()).isEmpty();
    }
}
