package io.docmap.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reference mapper's bundled names, read from the same files, so the corpus knows what to expect back. */
public final class GazetteerNames {

    private final Map<String, String> canonicalBySurface = new LinkedHashMap<>();
    private final List<String> chinese = new ArrayList<>();
    private final List<String> latin = new ArrayList<>();

    public GazetteerNames() {
        read("gazetteer/gazetteer.tsv").forEach(row -> canonicalBySurface.putIfAbsent(row[0], row[0]));
        read("gazetteer/aliases.tsv").forEach(row -> canonicalBySurface.putIfAbsent(row[0], row[1]));
        canonicalBySurface.keySet().forEach(surface -> {
            if (surface.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
                chinese.add(surface);
            } else if (surface.chars().allMatch(c -> c < 0x250) && surface.length() > 3) {
                latin.add(surface);
            }
        });
    }

    public List<String> chinese() {
        return chinese;
    }

    public List<String> latin() {
        return latin;
    }

    public String canonicalOf(String surface) {
        return canonicalBySurface.get(surface);
    }

    private static List<String[]> read(String resource) {
        List<String[]> rows = new ArrayList<>();
        InputStream in = GazetteerNames.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the harness class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> rows.add(line.split("\t")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
