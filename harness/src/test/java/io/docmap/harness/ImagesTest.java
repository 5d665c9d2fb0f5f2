package io.docmap.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
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
    void theImageRunsTheServicesOwnJvmOptionsAsTheLauncherDoes(String module) throws Exception {
        String dockerfile = Files.readString(ROOT.resolve(module + "/src/main/docker/Dockerfile.jvm"));
        assertThat(dockerfile)
                .as("the image copies the service's own JVM options")
                .contains("COPY --chown=185 src/main/jvm/jvm.options /deployments/jvm.options")
                .as("and passes them to the JVM that it runs, the training run of its archive included")
                .containsPattern("(?m)^ENTRYPOINT .*exec java @/deployments/jvm.options ")
                .containsPattern("(?m)^RUN java @/deployments/jvm.options ")
                .as("not through run-java.sh, which adds a collector and a heap share of its own")
                .doesNotContainPattern("(?m)^ENTRYPOINT .*run-java");
        assertThat(Files.readAllLines(ROOT.resolve(module + "/.dockerignore"))).contains("!src/main/jvm/jvm.options");
        assertThat(JvmOptions.SERVICES_OWN.of(ROOT, module))
                .as("the launcher and the benchmark pass the same file")
                .containsExactly("@" + JvmOptions.file(ROOT, module));
        assertThat(Files.readAllLines(JvmOptions.file(ROOT, module)))
                .as("every service's JVM exits on an OutOfMemoryError")
                .contains(Pipeline.EXIT_ON_OOM);
        assertThat(Pipeline.QUICK_START_JVM.of(ROOT, module)).contains(Pipeline.EXIT_ON_OOM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dispatcher-service", "worker-service", "mapper-service"})
    void theJvmAcceptsTheServicesOptionsFile(String module) throws Exception {
        Process java = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "@" + JvmOptions.file(ROOT, module),
                        "-version")
                .redirectErrorStream(true)
                .start();
        String output = new String(java.getInputStream().readAllBytes());
        assertThat(java.waitFor()).as("java @jvm.options -version: %s", output).isZero();
    }

    /** What the check and migrate Jobs run (k8s/jobs): the admin tool, from the dispatcher image's libraries. */
    @Test
    void theDispatcherImageCarriesTheAdminTool() throws Exception {
        Process admin = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        ROOT.resolve("dispatcher-service/target/quarkus-app/lib/main") + "/*",
                        "io.docmap.admin.Admin",
                        "--help")
                .redirectErrorStream(true)
                .start();
        String output = new String(admin.getInputStream().readAllBytes());
        assertThat(admin.waitFor())
                .as("the admin tool from the dispatcher's lib/main: %s", output)
                .isZero();
        assertThat(output).contains("check").contains("migrate");
    }

    @ParameterizedTest
    @ValueSource(strings = {".docmap/", "**/target/", "**/node_modules/", ".git/"})
    void theNativeBuildContextLeavesOutLocalStateAndBuilds(String path) throws Exception {
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains(path);
    }
}
