package io.docmap.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.docmap.testing.LocalInfra;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' images: each listens on the port it exposes, and its build context holds no local state. */
class ImagesTest {

    private static final Path ROOT = LocalInfra.root();
    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE (\\d+)$");

    @ParameterizedTest
    @ValueSource(strings = {"dispatcher-service", "worker-service", "mapper-service"})
    void eachImageSetsThePortItExposesAndItsContextLeavesOutWhatItDoesNotCopy(String module) throws Exception {
        for (String kind : List.of("jvm", "native")) {
            String dockerfile = Files.readString(ROOT.resolve(module + "/src/main/docker/Dockerfile." + kind));
            Matcher exposed = EXPOSE.matcher(dockerfile);
            assertThat(exposed.find()).as("%s %s exposes a port", module, kind).isTrue();
            assertThat(dockerfile)
                    .as("%s %s: run outside Kubernetes, the image must listen on the port it exposes", module, kind)
                    .containsPattern("(?m)^ENV QUARKUS_HTTP_PORT=" + exposed.group(1) + "$");
        }
        // The JVM image's context is the module: only the Quarkus application goes in.
        assertThat(Files.readAllLines(ROOT.resolve(module + "/.dockerignore"))).contains("*", "!target/quarkus-app/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dispatcher-service", "worker-service", "mapper-service"})
    void everyServicesJvmExitsOnOutOfMemoryInTheImageAndTheLauncherAlike(String module) throws Exception {
        assertThat(Files.readString(ROOT.resolve(module + "/src/main/docker/Dockerfile.jvm")))
                .containsPattern("(?m)^ENV JAVA_OPTS_APPEND=\".*" + Pattern.quote(Pipeline.EXIT_ON_OOM) + "[ \"]");
        assertThat(Pipeline.QUICK_START_JVM).contains(Pipeline.EXIT_ON_OOM);
        assertThat(Pipeline.LONG_RUN_JVM).contains(Pipeline.EXIT_ON_OOM);
    }

    @ParameterizedTest
    @ValueSource(strings = {".docmap/", "**/target/", "**/node_modules/", ".git/"})
    void theNativeBuildContextLeavesOutLocalStateAndBuilds(String path) throws Exception {
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains(path);
    }
}
