package io.docmap.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.quarkus.runtime.LaunchMode;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In dev mode ({@code ./mvnw quarkus:dev -pl <service>}) only: the addresses {@code ./docmap infra start} chose, read
 * from {@code .docmap/} in the project, as {@code DOCMAP_KAFKA_BOOTSTRAP} and {@code DOCMAP_DB_*}. The broker takes the
 * next free port when 9092 is taken, so the defaults of application.properties may name the wrong one. Its ordinal is
 * below every other source: an environment variable still wins. Outside dev mode it is empty.
 */
public final class LocalInfraConfigSource implements ConfigSource {

    private final Map<String, String> values;

    public LocalInfraConfigSource() {
        this(LaunchMode.current(), home());
    }

    LocalInfraConfigSource(LaunchMode mode, Optional<Path> home) {
        this.values = mode == LaunchMode.DEVELOPMENT ? read(home) : Map.of();
    }

    /** The project's {@code .docmap}: DOCMAP_HOME, or the nearest one above the working directory. */
    private static Optional<Path> home() {
        String given = System.getenv("DOCMAP_HOME");
        if (given != null) {
            return Optional.of(Path.of(given));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".docmap"))) {
                return Optional.of(dir.resolve(".docmap"));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> read(Optional<Path> home) {
        Map<String, String> found = new HashMap<>();
        home.ifPresent(dir -> {
            try {
                Path bootstrap = dir.resolve("kafka/bootstrap");
                if (Files.exists(bootstrap)) {
                    found.put(
                            "DOCMAP_KAFKA_BOOTSTRAP",
                            Files.readString(bootstrap).strip());
                }
                Path db = dir.resolve("db.env");
                if (Files.exists(db)) {
                    Properties env = new Properties();
                    try (Reader in = Files.newBufferedReader(db)) {
                        env.load(in);
                    }
                    env.stringPropertyNames()
                            .forEach(name ->
                                    found.put(name, env.getProperty(name).strip()));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the local infrastructure's settings in " + dir, e);
            }
        });
        return Map.copyOf(found);
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String name) {
        return values.get(name);
    }

    @Override
    public String getName() {
        return "docmap local infrastructure (.docmap)";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
