package io.docmap.harness;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LocalInfra;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./docmap up} as a user runs it, on a database of its own: a port another program holds is refused before
 * anything starts; then the services start on the ports asked for and are ready, the status page answers, the tokens
 * it prints work as the README's examples use them, and {@code ./docmap down} leaves no process behind. No service
 * logs a warning on the way. The ports are free ones given through DOCMAP_*_PORT, which the defaults (8081 to 8083,
 * {@code ServicePortsTest}) go through too, so that the test never meets a program of the machine's.
 */
class UpDownIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void upLeavesReadyServicesRunningAndDownStopsEveryOne() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path runDir = LocalInfra.root().resolve("harness/target/up-" + suffix);
        String docmap = LocalInfra.root().resolve("docmap").toString();
        LocalInfra.kafkaBootstrap();
        try (TestDatabase database = TestDatabase.create()) {
            Map<String, String> env = new HashMap<>(database.docmapEnv());
            env.putAll(Map.of(
                    "DOCMAP_SKIP_BUILD", "1",
                    "DOCMAP_RUN_DIR", runDir.toString(),
                    "DOCMAP_PAGES_TOPIC", "up.pages." + suffix,
                    "DOCMAP_DLQ_TOPIC", "up.pages.dlq." + suffix,
                    "DOCMAP_WORKER_GROUP", "up-worker-" + suffix));
            int dispatcherPort = ServiceProcess.freePort();
            env.putAll(Map.of(
                    "DOCMAP_DISPATCHER_PORT", Integer.toString(dispatcherPort),
                    "DOCMAP_WORKER_PORT", Integer.toString(ServicePorts.freeRun(2)),
                    "DOCMAP_MAPPER_PORT", Integer.toString(ServiceProcess.freePort())));
            try {
                try (ServerSocket held = new ServerSocket(dispatcherPort)) {
                    LocalInfra.Outcome refused = LocalInfra.outcome(env, docmap, "up");
                    assertThat(refused.exitCode()).isEqualTo(1);
                    assertThat(refused.output())
                            .contains("port " + dispatcherPort + " is taken")
                            .contains("nothing was started");
                    assertThat(runDir.resolve("services")).doesNotExist();
                }
                LocalInfra.Outcome up = LocalInfra.outcome(env, docmap, "up", "--workers", "2");
                assertThat(up.exitCode()).as(up.output()).isZero();
                List<String[]> services = Files.readAllLines(runDir.resolve("services")).stream()
                        .map(line -> line.split("\t"))
                        .toList();
                assertThat(services)
                        .extracting(s -> s[0])
                        .containsExactly(
                                "dispatcher-service", "worker-service-0", "worker-service-1", "mapper-service");
                for (String[] service : services) {
                    assertThat(get(service[2] + "/q/health/ready").statusCode())
                            .as(service[0])
                            .isEqualTo(200);
                }
                String dispatcher = services.get(0)[2];
                assertThat(dispatcher).isEqualTo("http://127.0.0.1:" + dispatcherPort);
                assertThat(up.output()).contains("status page   : " + dispatcher + "/");
                HttpResponse<String> page = get(dispatcher + "/");
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("docmap").contains("status.js");
                // What up prints, pasted: export DOCMAP_CONTROL_TOKEN=… and DOCMAP_READ_TOKEN=….
                String token = exported(up.output(), "DOCMAP_CONTROL_TOKEN");
                String readToken = exported(up.output(), "DOCMAP_READ_TOKEN");
                assertThat(token)
                        .isEqualTo(Files.readString(LocalInfra.home().resolve("control-token"))
                                .strip());
                assertThat(get(dispatcher + "/api/progress").statusCode()).isEqualTo(401);
                assertThat(get(dispatcher + "/api/progress", readToken).statusCode())
                        .isEqualTo(200);
                assertThat(post(dispatcher + "/api/dispatch/pause", readToken).statusCode())
                        .isEqualTo(401);
                // The workers panel names each worker as its page attempts do: pid@host, two on one host apart.
                // Down waits for the group to settle with both: a consumer closed in the middle of a rebalance gives
                // up on its coordinator's answers after its close timeout, and Kafka's client warns of it.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    JsonNode workers = JSON.readTree(
                            get(dispatcher + "/api/workers", readToken).body());
                    assertThat(workers.path("state").asText()).isEqualTo("Stable");
                    assertThat(workers.path("members"))
                            .extracting(
                                    member -> member.path("clientId").asText().replaceAll("@.*", ""))
                            .containsExactlyInAnyOrder(services.get(1)[1], services.get(2)[1]);
                    assertThat(workers.path("members"))
                            .as("each worker holds partitions")
                            .allMatch(member -> !member.path("partitions").isEmpty());
                });
                assertThat(post(dispatcher + "/api/dispatch/pause", token).statusCode())
                        .isEqualTo(200);
                assertThat(post(dispatcher + "/api/dispatch/pause", "not-" + token)
                                .statusCode())
                        .isEqualTo(401);

                LocalInfra.run(env, docmap, "down");

                for (String[] service : services) {
                    assertThat(ProcessHandle.of(Long.parseLong(service[1])).map(ProcessHandle::isAlive))
                            .as("%s (pid %s) after down", service[0], service[1])
                            .isNotEqualTo(Optional.of(true));
                }
                assertThat(runDir.resolve("services")).doesNotExist();
                for (String[] service : services) {
                    assertThat(Files.readAllLines(Path.of(service[3])))
                            .as("warnings and errors in the log of %s, but for the refusal asked for", service[0])
                            .noneMatch(line -> line.matches("^[0-9:.]+ (WARN|ERROR) .*")
                                    && !line.contains("refused POST /api/dispatch/pause"));
                }
            } finally {
                LocalInfra.run(env, docmap, "down");
            }
        }
    }

    private static String exported(String output, String variable) {
        Matcher export = Pattern.compile("(?m)^export " + variable + "=(\\S+)$").matcher(output);
        assertThat(export.find()).as("up prints export %s=…", variable).isTrue();
        return export.group(1);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("X-Docmap-Operator", "UpDownIT")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
