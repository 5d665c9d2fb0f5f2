package io.docmap.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service that reads one way: its packages in an order in which each may name those after it, never one before. The
 * shared packages serve every stage, and may name only the shared packages after them; the service's root package
 * (its configuration) names none. Imports and fully qualified names (Javadoc links included) both count.
 *
 * @param sources the service's root package, as a directory of sources
 * @param stages the stages, in the order the service's work goes through them
 * @param shared the packages every stage may use, in the same one-way order
 */
public record Layering(Path sources, List<String> stages, List<String> shared) {

    /** Each reference against the order, as "file names package". */
    public List<String> backwardReferences() throws IOException {
        String base = sources.toString().replace('/', '.').replaceFirst("^.*?java\\.", "");
        // A subpackage is its stage's: persistence.pages is persistence.
        Pattern reference = Pattern.compile("\\b" + Pattern.quote(base) + "\\.([a-z]+)(?:\\.[a-z]+)*\\.[A-Z]");
        List<String> backward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = sources.relativize(file.getParent()).toString().replaceFirst("/.*", "");
                Matcher found = reference.matcher(Files.readString(file));
                while (found.find()) {
                    if (!allowed(from, found.group(1))) {
                        backward.add(sources.relativize(file) + " names " + found.group(1));
                    }
                }
            }
        }
        return backward;
    }

    /** The packages that are neither a stage nor shared. */
    public List<String> unplacedPackages() throws IOException {
        try (Stream<Path> packages = Files.list(sources)) {
            return packages.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> !stages.contains(name) && !shared.contains(name))
                    .toList();
        }
    }

    private boolean allowed(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.isEmpty()) {
            return false;
        }
        if (shared.contains(from)) {
            return shared.indexOf(to) > shared.indexOf(from);
        }
        return shared.contains(to) || stages.indexOf(to) > stages.indexOf(from);
    }
}
