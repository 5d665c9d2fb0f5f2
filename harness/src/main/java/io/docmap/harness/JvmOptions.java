package io.docmap.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The options of a service's JVM. By default each service's own {@code src/main/jvm/jvm.options}, passed as an argument
 * file ({@code java @file}) exactly as its image passes it, so that what the launcher and the benchmark run is what
 * production runs; or the same options for every service, for the tests and for trying others in the benchmark.
 *
 * @param same the options every service gets instead of its own file
 */
public record JvmOptions(Optional<List<String>> same) {

    /** Each service with its own file's options. */
    public static final JvmOptions SERVICES_OWN = new JvmOptions(Optional.empty());

    /** Every service with these options, instead of its own file's. */
    public static JvmOptions everyService(List<String> options) {
        return new JvmOptions(Optional.of(List.copyOf(options)));
    }

    /** The file of a service's JVM options, in the repository at {@code root}. */
    public static Path file(Path root, String module) {
        return root.resolve(module).resolve("src/main/jvm/jvm.options");
    }

    /** The JVM arguments of a service. */
    public List<String> of(Path root, String module) {
        return same.orElseGet(() -> List.of("@" + file(root, module)));
    }
}
