package io.docmap.mapper.gazetteer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.docmap.mapper.matching.AhoCorasick;

/**
 * Known entity names and their canonical forms. Every name of the gazetteer and every alias of the alias table is
 * a pattern of one matcher; a name that is not an alias is its own canonical form.
 */
public final class Gazetteer {

    private final AhoCorasick matcher;
    private final List<String> canonicalOfPattern;
    private final Map<String, String> canonicalByFoldedName;
    private final String digest;

    /**
     * @param names canonical names of the gazetteer
     * @param aliases alias to canonical name, as read from the alias table
     */
    public Gazetteer(List<String> names, Map<String, String> aliases) {
        canonicalByFoldedName = new LinkedHashMap<>();
        List<String> patterns = new ArrayList<>();
        canonicalOfPattern = new ArrayList<>();
        names.forEach(name -> add(name, name, patterns));
        aliases.forEach((alias, canonical) -> add(alias, canonical, patterns));
        matcher = new AhoCorasick(patterns);
        digest = digest(names, aliases);
    }

    /**
     * A short digest of the names and aliases, in order: the same tables give the same digest, and a name or an alias
     * added, removed or changed gives another. The mapper's version is built from it.
     */
    public String digest() {
        return digest;
    }

    private static String digest(List<String> names, Map<String, String> aliases) {
        MessageDigest sha = sha256();
        names.forEach(name -> sha.update((name + "\n").getBytes(StandardCharsets.UTF_8)));
        sha.update("\u0000".getBytes(StandardCharsets.UTF_8));
        aliases.forEach(
                (alias, canonical) -> sha.update((alias + "\t" + canonical + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private void add(String surface, String canonical, List<String> patterns) {
        if (canonicalByFoldedName.putIfAbsent(fold(surface), canonical) == null) {
            patterns.add(surface);
            canonicalOfPattern.add(canonical);
        }
    }

    /** The gazetteer entities of a text, in order of appearance. */
    public List<Entity> find(String text) {
        List<Entity> entities = new ArrayList<>();
        find(text, entities::add);
        return entities;
    }

    /** Hands each gazetteer entity of a text to {@code found}, in order of appearance, holding none of them. */
    public void find(String text, Consumer<Entity> found) {
        matcher.find(
                text,
                m -> found.accept(new Entity(
                        m.start(), m.end(), text.substring(m.start(), m.end()), canonicalOfPattern.get(m.pattern()))));
    }

    /** The canonical form of a name found by other means (NER), or the name itself. */
    public String canonicalOf(String name) {
        return canonicalByFoldedName.getOrDefault(fold(name), name);
    }

    public int size() {
        return canonicalOfPattern.size();
    }

    /** The first {@code count} canonical names, or all of them if there are fewer. */
    public List<String> someNames(int count) {
        return canonicalOfPattern.stream().distinct().limit(count).toList();
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
