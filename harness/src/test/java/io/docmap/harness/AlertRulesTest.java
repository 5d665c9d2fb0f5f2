package io.docmap.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LocalInfra;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docmap's alerts, as Prometheus evaluates them: {@code promtool test rules} runs alerts.test.yaml, where each alert
 * fires on a series that should fire it and stays quiet on one that should not. promtool is Debian's prometheus
 * package, which {@code ./docmap test} installs.
 */
class AlertRulesTest {

    private static final Path MONITORING = LocalInfra.root().resolve("k8s/components/monitoring");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void eachAlertFiresOnlyWhenItShould() throws Exception {
        Path dir = Files.createDirectories(LocalInfra.root().resolve("harness/target/alerts"));
        JsonNode rule = YAML.readTree(MONITORING.resolve("alerts.yaml").toFile());
        assertThat(rule.get("kind").asText()).isEqualTo("PrometheusRule");
        YAML.writeValue(dir.resolve("docmap-alerts.rules.yaml").toFile(), rule.get("spec"));
        Files.copy(
                MONITORING.resolve("alerts.test.yaml"),
                dir.resolve("alerts.test.yaml"),
                StandardCopyOption.REPLACE_EXISTING);

        Process promtool = new ProcessBuilder("promtool", "test", "rules", "alerts.test.yaml")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(promtool.getInputStream().readAllBytes());
        assertThat(promtool.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }
}
