package io.docmap.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.docmap.testing.LocalInfra;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Anatomy names each module's packages, and only packages that exist. */
class ReadmeAnatomyTest {

    private static final Path ROOT = LocalInfra.root();
    /** Each module whose row lists its packages, and the package they sit in. */
    private static final Map<String, String> BASE_PACKAGES = Map.of(
            "dispatcher-service", "io/docmap/dispatcher",
            "worker-service", "io/docmap/worker",
            "mapper-service", "io/docmap/mapper",
            "harness", "io/docmap/harness");
    /** A package named in a row: a backticked lower-case word, before its parenthesis or comma. */
    private static final Pattern PACKAGE = Pattern.compile("`([a-z]+)`");

    @ParameterizedTest
    @ValueSource(strings = {"dispatcher-service", "worker-service", "mapper-service", "harness"})
    void theAnatomyNamesEveryPackageOfTheModuleAndNoOther(String module) throws IOException {
        Set<String> named = new TreeSet<>();
        Matcher matcher = PACKAGE.matcher(row(module));
        while (matcher.find()) {
            named.add(matcher.group(1));
        }
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> entries = Files.list(ROOT.resolve(module + "/src/main/java/" + BASE_PACKAGES.get(module)))) {
            entries.filter(Files::isDirectory)
                    .forEach(dir -> packages.add(dir.getFileName().toString()));
        }

        assertThat(named)
                .as("packages of %s the README's Anatomy names", module)
                .isEqualTo(packages);
    }

    private static String row(String module) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String anatomy =
                readme.substring(readme.indexOf("## Anatomy"), readme.indexOf("### ", readme.indexOf("## Anatomy")));
        return anatomy.lines()
                .filter(line -> line.startsWith("| `" + module + "` |"))
                .findFirst()
                .map(line -> line.substring(("| `" + module + "` |").length()))
                .orElseThrow(() -> new AssertionError("the README's Anatomy has no row for " + module));
    }
}
