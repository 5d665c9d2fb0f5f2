package io.docmap.mapper.gazetteer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;

import io.docmap.mapper.MapperConfig;

/**
 * Reads the gazetteer ({@code gazetteer.tsv}: name, type) and the alias table ({@code aliases.tsv}: alias,
 * canonical name) from the configured directory, or the bundled ones. Lines starting with {@code #} are comments.
 */
@ApplicationScoped
public class GazetteerLoader {

    static final String GAZETTEER_FILE = "gazetteer.tsv";
    static final String ALIASES_FILE = "aliases.tsv";
    private static final String BUNDLED = "gazetteer/";

    private final MapperConfig config;

    public GazetteerLoader(MapperConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    Gazetteer gazetteer() {
        Gazetteer gazetteer = read(this::open);
        Log.infof(
                "gazetteer loaded from %s: %d distinct names and aliases",
                config.gazetteerDir().map(Path::toString).orElse("the bundled data"), gazetteer.size());
        return gazetteer;
    }

    /** The bundled gazetteer, outside CDI: for tools that run the reference mapping in their own process. */
    public static Gazetteer bundled() {
        return read(GazetteerLoader::openBundled);
    }

    /** Where the tables are read from, by file name. */
    private interface TableSource {
        InputStream open(String file) throws IOException;
    }

    private static Gazetteer read(TableSource source) {
        List<String> names = new ArrayList<>();
        readTable(source, GAZETTEER_FILE, 2).forEach(row -> names.add(row[0]));
        Map<String, String> aliases = new LinkedHashMap<>();
        readTable(source, ALIASES_FILE, 2).forEach(row -> aliases.putIfAbsent(row[0], row[1]));
        return new Gazetteer(names, aliases);
    }

    private static List<String[]> readTable(TableSource source, String file, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(source.open(file), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t");
                if (row.length < columns || row[0].isBlank() || row[columns - 1].isBlank()) {
                    throw new IllegalStateException(file + " line " + number + ": expected " + columns
                            + " tab-separated, non-empty columns, got '" + line + "'");
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    private InputStream open(String file) throws IOException {
        if (config.gazetteerDir().isPresent()) {
            return Files.newInputStream(config.gazetteerDir().get().resolve(file));
        }
        return openBundled(file);
    }

    private static InputStream openBundled(String file) throws IOException {
        InputStream bundled = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED + file);
        if (bundled == null) {
            throw new IOException("bundled " + BUNDLED + file + " is missing from the classpath");
        }
        return bundled;
    }
}
